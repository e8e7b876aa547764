"""Property test: the Python reader over damaged journals (issue 13 point 6).

A journal of a small generated day is damaged in a working copy, one seeded trial at a time (bytes
set, bits flipped, document header words overwritten or given the not-complete bit, runs of bytes
in payloads, truncation), then read with verify_checksums=True. What must hold in every trial:

* the reader raises nothing but JournalError;
* it never returns a wrong row: every message row it returns is, field for field, one of the
  undamaged journal's rows of that type (the derived symbol and the journal index aside), and every
  record it marks good carries the header fields of an undamaged record.

Bounded: TJ_FUZZ_TRIALS trials (default 300), seed TJ_FUZZ_SEED (default 20261205; printed on failure).
"""

import os
import random
import shutil

import numpy as np
from numpy.lib.recfunctions import repack_fields
import pytest

from conftest import tj
from tickjournal import Journal, JournalError, framing, native

TRIALS = int(os.environ.get("TJ_FUZZ_TRIALS", "300"))
SEED = int(os.environ.get("TJ_FUZZ_SEED", "20261205"))
SLACK = 4096  # bytes after a file's last non-zero byte that damage may reach
RECORD_FIELDS = ["kind", "type", "payload_length", "receive_time_ns", "sequence", "source_id"]


class WorkingCopy:
    """A copy of a journal whose files are put back byte for byte (written region + slack, length)."""

    def __init__(self, src, dst):
        shutil.copytree(src, dst)
        self.dir = dst
        self.saved = {}
        for name in sorted(os.listdir(dst)):
            path = os.path.join(dst, name)
            with open(path, "rb") as f:
                data = f.read()
            nz = np.flatnonzero(np.frombuffer(data, np.uint8))
            end = min(len(data), (int(nz[-1]) + 1 if len(nz) else 0) + SLACK)
            self.saved[path] = (data[:end], len(data))
        self.cycle = next(p for p in self.saved if p.endswith(".cq4"))

    def restore(self):
        for name in os.listdir(self.dir):
            path = os.path.join(self.dir, name)
            if path not in self.saved:
                os.remove(path)
        for path, (head, length) in self.saved.items():
            with open(path, "r+b") as f:
                f.truncate(length)
                f.seek(0)
                f.write(head)

    def head(self, path):
        return len(self.saved[path][0])


def _rows(journal):
    """{type: set of row bytes} of the message rows, without the index and the derived symbol."""
    out = {}
    for mtype in journal.counts():
        arr = journal.messages(mtype)
        names = [n for n in arr.dtype.names if n not in ("index", "symbol")]
        out[mtype] = repack_fields(arr[names])
    return out


def _as_set(arr):
    arr = repack_fields(arr)  # a multi-field selection keeps the other fields' bytes: drop them
    return {r.tobytes() for r in np.ascontiguousarray(arr).view(f"V{arr.dtype.itemsize}")} if len(arr) else set()


def _damage(rng, copy, headers):
    """Applies 1 to 4 random damage operations; returns what was done (for the failure message)."""
    done = []
    size = copy.head(copy.cycle)
    meta = [p for p in copy.saved if p.endswith("metadata.cq4t")]
    with open(copy.cycle, "r+b") as f:
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(7)
            if op == 0:
                at, v = rng.randrange(size), rng.randrange(256)
                f.seek(at)
                f.write(bytes([v]))
                done.append(f"byte {at} = {v}")
            elif op == 1:
                at, bit = rng.randrange(size), rng.randrange(8)
                f.seek(at)
                b = f.read(1)[0]
                f.seek(at)
                f.write(bytes([b ^ (1 << bit)]))
                done.append(f"bit {bit} of byte {at}")
            elif op == 2:
                at = int(rng.choice(headers))
                f.seek(at)
                h = int.from_bytes(f.read(4), "little")
                f.seek(at)
                f.write((h | 0x80000000).to_bytes(4, "little"))
                done.append(f"not-complete bit of the header at {at}")
            elif op == 3:
                at, v = int(rng.choice(headers)), rng.getrandbits(32)
                f.seek(at)
                f.write(v.to_bytes(4, "little"))
                done.append(f"header word at {at} = {v:#x}")
            elif op == 4:
                at = int(rng.choice(headers)) + 4 + rng.randrange(60)
                run = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 16)))
                f.seek(at)
                f.write(run)
                done.append(f"{len(run)} bytes at {at}")
            elif op == 5:
                at = rng.randrange(size)
                f.truncate(at)
                done.append(f"truncated to {at}")
                break
            elif meta:
                at, v = rng.randrange(copy.head(meta[0])), rng.randrange(256)
                with open(meta[0], "r+b") as m:
                    m.seek(at)
                    m.write(bytes([v]))
                done.append(f"metadata.cq4t byte {at} = {v}")
    return done


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzzday")
    tj("generate", "--out", d / "day.itch", "--symbols", "8", "--messages", "3000", "--seed", "5")
    tj("import", "--itch", d / "day.itch", "--journal", d / "journal")
    return d / "journal"


@pytest.fixture(params=["default", "small-screens"])
def trials(request, monkeypatch):
    """(the number of trials, whether each damaged journal is also read with the numpy loops and
    the two reads compared): the default loops (native where they can be built), every read
    compared; or a third as many with the numpy loops alone and screens of 64 words, so that the
    walk's screens are computed ahead on the screening threads (framing._ScreenAhead) and runs
    cross many screen boundaries."""
    if request.param == "default":
        monkeypatch.setattr(framing, "_TOUCH_MIN", 0)  # (the native walk reads pages ahead, as on a large file)
        yield TRIALS, native.lib() is not None
        return
    monkeypatch.setattr(framing, "CHUNK_WORDS", 64)
    with native.disabled():
        yield max(1, TRIALS // 3), False


def _read(path):
    """(rows by type (_rows), records, stats) of a verifying read of the journal at path, or the
    message of the JournalError it raises."""
    try:
        d = Journal(path, verify_checksums=True)
        return _rows(d), d.records(), d.stats()
    except JournalError as e:
        return str(e)


def _same(a, b):
    """Whether two _read results are the same: the same error, or equal rows, records and stats."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    (rows_a, recs_a, stats_a), (rows_b, recs_b, stats_b) = a, b
    return (rows_a.keys() == rows_b.keys() and all(_as_set(rows_a[t]) == _as_set(rows_b[t])
                                                   and len(rows_a[t]) == len(rows_b[t]) for t in rows_a)
            and np.array_equal(recs_a, recs_b) and stats_a == stats_b)


def test_damaged_journals_raise_only_journal_error_and_never_return_wrong_rows(clean, tmp_path, trials):
    j = Journal(clean)
    expected = {t: _as_set(a) for t, a in _rows(j).items()}
    recs = j.records()
    good_headers = _as_set(recs[RECORD_FIELDS][recs["good"]])
    headers = [int(o) for s in j._segments for o in s.offsets - 4]
    copy = WorkingCopy(clean, tmp_path / "work")
    rng = random.Random(SEED)
    trials, compare = trials
    outcomes = {"read": 0, "JournalError": 0}
    for trial in range(trials):
        copy.restore()
        done = _damage(rng, copy, headers)
        where = f"seed {SEED}, trial {trial}: {'; '.join(done)}"
        try:
            got = _read(copy.dir)
            if compare:  # the native loops against the numpy ones: the same error or the same rows
                with native.disabled():
                    assert _same(got, _read(copy.dir)), f"{where}: the native and numpy loops differ"
        except AssertionError:
            raise
        except Exception as e:  # anything but a JournalError is a finding
            pytest.fail(f"{where}: {type(e).__name__}: {e}")
        if isinstance(got, str):
            outcomes["JournalError"] += 1
            continue
        rows, recs, _stats = got
        outcomes["read"] += 1
        for t, arr in rows.items():
            wrong = _as_set(arr) - expected.get(t, set())
            assert not wrong, f"{where}: {len(wrong)} wrong {t} rows returned"
        marked = _as_set(recs[RECORD_FIELDS][recs["good"]])
        assert marked <= good_headers, f"{where}: a record marked good that was never written"
    assert sum(outcomes.values()) == trials
    print(f"{trials} damaged journals: {outcomes}")


def test_a_file_cut_inside_the_last_records_padding_is_read_without_error(clean, tmp_path, loops):
    """Found by the property test (seed 7, trial 740: truncated to 229,099): an IndexError."""
    j = Journal(clean)
    seg = j._segments[-1]
    ends = seg.offsets + seg.lengths
    cut = [int(e) for e in ends if e % 4][-1]  # the end of a record whose padding follows it
    work = tmp_path / "cut"
    shutil.copytree(clean, work)
    cycle = next(p for p in os.listdir(work) if p.endswith(".cq4"))
    os.truncate(work / cycle, cut)
    d = Journal(work, verify_checksums=True)
    for t in d.counts():
        d.messages(t)
    assert d.records()["good"].sum() > 0
