"""The native loops (tickjournal/native.py, _native.c) against the numpy ones, which do the same work:
the same chunks, rows, records, stats and checksum verdicts, byte for byte; CRC32C against the numpy
reference; the fallback to numpy where no compiler can build them. (Damaged journals: every trial
of test_reader_fuzz.py reads both ways and compares; live journals: test_live_and_errors.py runs
with both.)"""

import os
import random
import shutil
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT
from tickjournal import Journal, chunks, framing, native
from tickjournal.crc32c import crc32c

PYTHON = os.path.join(ROOT, "src", "python")


def _whole(arr):
    """The rows of a messages() array as raw bytes (every byte: named fields, padding, computed)."""
    return np.ascontiguousarray(arr).view(f"V{arr.dtype.itemsize}")


def test_the_native_loops_are_built_where_there_is_a_compiler():
    if shutil.which(os.environ.get("CC", "cc")) is None:
        pytest.skip("no C compiler here: the numpy loops are used")
    assert native.lib() is not None
    assert native.describe().startswith("native loops")


def test_crc32c_by_instruction_and_by_table_equal_the_numpy_reference():
    lib = native.lib()
    if lib is None:
        pytest.skip("the native loops cannot be built here")
    check = np.frombuffer(b"123456789", np.uint8)
    for f in (lib.tj_crc32c, lib.tj_crc32c_table):
        assert f(native.address(check), 9) == 0xE3069283  # java.util.zip.CRC32C's check value
    rng = random.Random(11)
    for n in list(range(0, 80)) + [rng.randrange(80, 5000) for _ in range(40)]:
        data = np.frombuffer(bytes(rng.randrange(256) for _ in range(n)) + b"\0", np.uint8)
        want = crc32c(data[:n].tobytes())
        assert lib.tj_crc32c(native.address(data), n) == want, n
        assert lib.tj_crc32c_table(native.address(data), n) == want, n


@pytest.mark.parametrize("verify", [True, False])
@pytest.mark.parametrize("chunk_bytes", [None, 64 << 10], ids=["one-chunk", "64k-chunks"])
def test_a_read_with_native_loops_is_the_numpy_read_byte_for_byte(generated, monkeypatch, verify, chunk_bytes):
    if native.lib() is None:
        pytest.skip("the native loops cannot be built here")
    if chunk_bytes:
        monkeypatch.setattr(chunks, "CHUNK_BYTES", chunk_bytes)
    monkeypatch.setattr(framing, "_TOUCH_MIN", 0)  # (the day is small: its pages read ahead too)
    journal = generated / "journal"
    fast, ref = _everything(journal, verify), None
    with native.disabled():
        ref = _everything(journal, verify)
    assert len(ref["messages"]) >= 15 and fast["len"] == ref["len"] and fast["counts"] == ref["counts"]
    assert fast["chunks"] == ref["chunks"]
    for x, y in zip(fast["arrays"], ref["arrays"], strict=True):
        assert x.dtype == y.dtype and np.array_equal(x, y)
    assert fast["messages"].keys() == ref["messages"].keys()
    for t, want in ref["messages"].items():
        assert np.array_equal(_whole(fast["messages"][t]), _whole(want)), t
    assert np.array_equal(fast["records"], ref["records"]) and fast["stats"] == ref["stats"]


def _everything(journal, verify):
    """What a read of journal gives with the loops in effect: counts, chunks (bounds, counts), their
    walk arrays, every type's messages, records, stats."""
    j = Journal(journal, verify_checksums=verify)
    segs = j._segments
    return {"len": len(j), "counts": j.counts(),
            "chunks": [(c.pos0, c.pos1, c.start, c.n, c.counts.tolist()) for s in segs for c in s.chunks],
            "arrays": [a for s in segs for c in s.chunks for a in c.arrays()],
            "messages": {t: j.messages(t) for t in j.counts()},
            "records": j.records(), "stats": j.stats()}


def _read_in_child(journal, **env):
    """Runs a read of journal in a fresh interpreter with the given environment: (counts, stderr)."""
    code = ("import sys; from tickjournal import Journal; "
            f"print(sorted(Journal({str(journal)!r}).counts().items()))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": PYTHON, **env})
    assert p.returncode == 0, p.stderr
    return p.stdout.strip(), p.stderr


def test_without_a_compiler_the_numpy_loops_read_the_same_and_say_so_once(generated, tmp_path):
    journal = generated / "journal"
    want, _err = _read_in_child(journal, TICKJOURNAL_NATIVE="0")
    assert _err == ""  # disabled on purpose: nothing said
    got, err = _read_in_child(journal, CC=str(tmp_path / "no-such-cc"), TICKJOURNAL_NATIVE_CACHE=str(tmp_path))
    assert got == want
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tickjournal: reading with numpy only (slower): no native loops:")
    assert "no-such-cc" in lines[0] and not any(name.endswith(".so") for name in os.listdir(tmp_path))


def test_a_fresh_cache_builds_the_library_once(generated, tmp_path):
    journal = generated / "journal"
    first, err = _read_in_child(journal, TICKJOURNAL_NATIVE_CACHE=str(tmp_path / "cache"))
    if shutil.which(os.environ.get("CC", "cc")) is None:
        pytest.skip("no C compiler here")
    assert err == ""
    built = os.listdir(tmp_path / "cache")
    assert len(built) == 1 and built[0].endswith(".so")
    stamp = os.stat(tmp_path / "cache" / built[0]).st_mtime_ns
    again, _err = _read_in_child(journal, TICKJOURNAL_NATIVE_CACHE=str(tmp_path / "cache"))
    assert again == first and os.listdir(tmp_path / "cache") == built
    assert os.stat(tmp_path / "cache" / built[0]).st_mtime_ns == stamp
