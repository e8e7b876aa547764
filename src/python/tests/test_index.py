"""The index by stock locate (tickjournal/index.py): what is read through it is exactly what the
walk reads, for every type, several symbols and time ranges; a journal appended to after the
index was built reads the same; an index of another journal, or a damaged one, never yields a
wrong or a missing row (property test over seeded mutations of the index file, bounded by
TJ_INDEX_TRIALS, default 30, seed TJ_INDEX_SEED)."""

import os
import random
import shutil

import numpy as np
import pytest

from conftest import tj
from tickjournal import Journal, JournalError, chunks, index

TRIALS = int(os.environ.get("TJ_INDEX_TRIALS", "30"))
SEED = int(os.environ.get("TJ_INDEX_SEED", "20261206"))
SMALL_CHUNK = 256 << 10  # bytes of a cycle file per chunk here, so that a 4 MB day has 16 chunks
RANGES = [(None, None), ("09:30", "10:15"), (None, "04:00:05"), ("15:59:59.5", None)]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(chunks, "CHUNK_BYTES", SMALL_CHUNK)


def _symbols(j):
    """Some symbols of the journal: the most and the least active, and one in between."""
    a = j.messages("A")
    names, counts = np.unique(a["symbol"], return_counts=True)
    order = names[np.argsort(counts)]
    return [[order[-1].decode()], [order[0].decode()], [order[len(order) // 2].decode(), order[-2].decode()]]


def _same_reads(with_index, walked, symbol_sets, ranges=RANGES):
    """Every type x symbol set x time range read alike (rows, bytes and journal index)."""
    checked = 0
    for syms in symbol_sets:
        for start, end in ranges:
            for t in walked.counts():
                a = with_index.messages(t, symbols=syms, start=start, end=end)
                b = walked.messages(t, symbols=syms, start=start, end=end)
                assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), (t, syms, start, end, len(a), len(b))
                checked += len(b)
    return checked


def _journal_copy(generated, tmp_path):
    dst = tmp_path / "journal"
    shutil.copytree(generated / "journal", dst)
    return dst


def test_reads_through_the_index_are_the_walks_for_every_type_symbol_and_range(generated, tmp_path, small_chunks):
    journal = _journal_copy(generated, tmp_path)
    built = index.build(journal)
    assert len(built) == 1 and built[0][1] > 60_000 and os.path.isfile(built[0][0])
    assert os.path.dirname(built[0][0]) == os.path.join(str(journal), index.DIR_NAME)
    j, w = Journal(journal), Journal(journal, index=False)
    assert [s.index is not None for s in j._segments] == [True] and len(j._segments[0].chunks) >= 10
    syms = _symbols(w)
    assert _same_reads(j, w, syms) > 10_000
    for t in "AEP":
        batches = list(j.iter_batches(t, rows=97, symbols=syms[0], start="09:30"))
        assert all(len(b) <= 97 for b in batches)
        joined = b"".join(b.tobytes() for b in batches)  # (np.concatenate keeps named fields only)
        assert joined == w.messages(t, symbols=syms[0], start="09:30").tobytes() and joined
    for at in ("10:00", None):
        assert j.book(syms[0][0], at=at, levels=5).equals(w.book(syms[0][0], at=at, levels=5))
    # whole types, counts and record headers are unchanged by an index (its chunks are walked again)
    assert j.counts() == w.counts() and len(j) == len(w)
    for t in w.counts():
        assert j.messages(t).tobytes() == w.messages(t).tobytes()
    assert j.records().tobytes() == w.records().tobytes()


def test_an_index_elsewhere_for_a_read_only_journal(generated, tmp_path):
    journal = _journal_copy(generated, tmp_path)
    where = tmp_path / "elsewhere"
    Journal(journal, index_dir=where).build_index()
    assert not os.path.exists(os.path.join(journal, index.DIR_NAME)) and len(os.listdir(where)) == 1
    assert Journal(journal)._segments[0].index is None  # not looked for in the journal
    j, w = Journal(journal, index_dir=where), Journal(journal, index=False)
    assert j._segments[0].index is not None
    assert _same_reads(j, w, _symbols(w)[:1], RANGES[:1]) > 1000


def test_a_journal_appended_to_after_the_index_reads_the_same(generated, tmp_path, small_chunks, capfd):
    """The index is built while the journal holds its first 25,000 records (the cycle file as a
    reader saw it then: the same bytes up to that record's end, nothing written after it), then
    the rest of the day is written (the file's bytes put back): the index covers the first part
    and the rest is walked."""
    journal = _journal_copy(generated, tmp_path)
    full = Journal(journal, index=False)
    cf = full._files[0]
    at = int(full._segments[0].offsets[25_000]) - 4  # its header word
    end = cf.position + 4  # the end of what is written, its end-of-cycle word included
    rest = bytes(cf.u8[at:end])
    with open(cf.path, "r+b") as f:
        f.seek(at)
        f.write(bytes(end - at))  # header word 0: nothing written yet
    covered = Journal(journal, index=False)
    index.build(journal)
    with open(cf.path, "r+b") as f:
        f.seek(at)
        f.write(rest)
    j, w = Journal(journal), Journal(journal, index=False)
    assert len(covered) == 25_000 and len(w) > 60_000 and len(j) == len(w)
    segs = j._segments
    assert segs[0].index is not None and len(segs[0]) == len(covered) and segs[1].index is None
    assert _same_reads(j, w, _symbols(w), RANGES[:2]) > 5000
    assert "warning" not in capfd.readouterr().err  # grown, not stale: no warning


def test_an_index_of_another_journal_is_ignored_with_one_warning(generated, sample, tmp_path, capfd):
    journal = _journal_copy(generated, tmp_path)
    other = tmp_path / "other"
    shutil.copytree(sample / "journal", other)
    index.build(other)
    name = os.listdir(os.path.join(other, index.DIR_NAME))[0]
    cycle = sorted(n for n in os.listdir(journal) if n.endswith(".cq4"))[0]
    os.makedirs(os.path.join(journal, index.DIR_NAME))
    shutil.copy(os.path.join(other, index.DIR_NAME, name),
                os.path.join(journal, index.DIR_NAME, cycle[:-4] + index.SUFFIX))
    j = Journal(journal)
    err = capfd.readouterr().err
    assert err.count("warning") == 1 and index.SUFFIX in err and "index not used" in err, err
    assert j._segments[0].index is None
    w = Journal(journal, index=False)
    assert _same_reads(j, w, _symbols(w)[:2], RANGES[:1]) > 1000


def _mutate(rng, data, table_at):
    """1 to 3 seeded mutations of an index file's bytes: set bytes, flipped bits, a cut; aimed
    half of the time at the entries and groups (before the chunk table)."""
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["byte", "bit", "bit", "run", "cut"])
        hi = min(table_at, len(data)) if rng.random() < 0.5 else len(data)
        at = rng.randrange(0, max(1, hi))
        if op == "byte":
            data[at] = rng.randrange(256)
        elif op == "bit":
            data[at] ^= 1 << rng.randrange(8)
        elif op == "run":
            n = rng.randint(2, 64)
            data[at:at + n] = bytes(rng.randrange(256) for _ in range(min(n, len(data) - at)))
        else:
            del data[at:]
        done.append((op, at))
        if not data:
            break
    return done


def test_a_damaged_index_never_yields_a_wrong_or_missing_row(generated, tmp_path, small_chunks, capfd):
    journal = _journal_copy(generated, tmp_path)
    path = index.build(journal)[0][0]
    good = open(path, "rb").read()
    table_at = int(np.frombuffer(good, index.HEADER_DTYPE, 1)[0]["table_at"])
    w = Journal(journal, index=False)
    syms = _symbols(w)
    types = ["A", "E", "P", "R"]
    expect = {(t, i): w.messages(t, symbols=s).tobytes() for t in types for i, s in enumerate(syms)}
    rng = random.Random(SEED)
    used = 0
    for trial in range(TRIALS):
        data = bytearray(good)
        done = _mutate(rng, data, table_at)
        with open(path, "wb") as f:
            f.write(data)
        try:
            j = Journal(journal)
            used += j._segments[0].index is not None
            for t in types:
                for i, s in enumerate(syms):
                    got = j.messages(t, symbols=s).tobytes()
                    assert got == expect[(t, i)], f"seed {SEED} trial {trial} {done}: {t} {s}"
        except JournalError:
            pass
        capfd.readouterr()
    assert used > 0  # some mutations leave parts of the index usable (others ignore it whole)


def test_checksums_are_still_verified_through_the_index(generated, tmp_path, capfd):
    journal = _journal_copy(generated, tmp_path)
    index.build(journal)
    w = Journal(journal, index=False)
    sym = _symbols(w)[0]
    before = w.messages("A", symbols=sym)
    victim = before[len(before) // 2]  # far from the 32 records the index samples
    seg = w._segments[0]
    at = int(seg.offsets[int(victim["index"]) - seg.first_index]) + 28 + 20  # a byte of its payload
    cycle = seg.cf.path
    with open(cycle, "r+b") as f:
        f.seek(at)
        b = f.read(1)
        f.seek(at)
        f.write(bytes([b[0] ^ 0x10]))
    j, w = Journal(journal), Journal(journal, index=False)
    assert j._segments[0].index is not None and "warning" not in capfd.readouterr().err
    got, walked = j.messages("A", symbols=sym), w.messages("A", symbols=sym)
    assert len(got) == len(before) - 1 and victim["index"] not in got["index"] and len(walked) == len(got)
    for name in got.dtype.names:  # (a row dropped for its checksum leaves unnamed bytes undefined)
        assert (got[name] == walked[name]).all(), name
        assert (got[name] == before[name][before["index"] != victim["index"]]).all(), name


def test_the_command_line_builds_and_names_what_it_cannot_read(generated, tmp_path):
    import subprocess
    import sys
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(index.__file__)))
    journal = _journal_copy(generated, tmp_path)
    ok = subprocess.run([sys.executable, "-m", "tickjournal.index", str(journal), "--index-dir", str(tmp_path / "ix")],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and "60,000 messages indexed" in ok.stdout and os.listdir(tmp_path / "ix")
    bad = subprocess.run([sys.executable, "-m", "tickjournal.index", str(tmp_path / "nope")],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        f"tickjournal.index: error: {tmp_path / 'nope'}: no such journal directory"]
