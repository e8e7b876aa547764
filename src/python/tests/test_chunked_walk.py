"""The chunked walk (tickjournal/chunks.py): a journal walked in many small chunks, most of whose
walk arrays are not kept (walked again when needed), reads exactly what a journal walked in one
chunk with every array kept reads: counts, every type, records, stats, filters and batches."""

import os
import signal
import time

import numpy as np
import pytest

from tickjournal import Journal, chunks, framing


def _named_equal(a, b):
    """Equal named fields, row by row (np.concatenate of batches keeps only those)."""
    names = a.dtype.names
    return names == b.dtype.names and len(a) == len(b) and all(np.array_equal(a[n], b[n]) for n in names)


@pytest.fixture(params=[True, False], ids=["verify", "no-verify"])
def pair(generated, monkeypatch, request, loops):
    """(whole, chunked): the generated day read with the defaults, and with chunks of 64 KiB of
    which only the first 5,000 records' arrays are kept (the native loops count a chunk without its
    arrays at open and make them when first needed)."""
    journal = generated / "journal"
    whole = Journal(journal, verify_checksums=request.param)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 64 << 10)
    monkeypatch.setattr(chunks, "KEEP_RECORDS", 5000)
    chunked = Journal(journal, verify_checksums=request.param)
    (seg,) = chunked._segments
    assert len(whole._segments[0].chunks) == 1 and len(seg.chunks) > 40, len(seg.chunks)
    if loops == "native":  # no arrays at open; made when first needed, and kept while the budget lasts
        assert not any(c.kept for c in seg.chunks)
        for c in seg.chunks:
            c.arrays()
    kept = [c.kept for c in seg.chunks]
    assert kept[0] and not kept[-1] and sum(c.n for c in seg.chunks if c.kept) <= 5000
    return whole, chunked


def test_every_type_records_and_stats_equal_the_whole_walks(pair):
    whole, chunked = pair
    assert np.array_equal(chunked._segments[0].offsets, whole._segments[0].offsets)
    assert chunked.counts() == whole.counts() and len(whole.counts()) >= 15
    for t in whole.counts():
        assert _named_equal(chunked.messages(t), whole.messages(t)), t
    assert np.array_equal(chunked.records(), whole.records())
    assert chunked.stats() == whole.stats()


def test_filters_and_batches_equal_the_whole_walks(pair):
    whole, chunked = pair
    symbols = [bytes(s) for s in np.unique(whole.messages("A")["symbol"])[:2]]
    for mtype in ("A", "E", "R", "U"):
        for kw in ({"symbols": symbols[:1]}, {"symbols": symbols, "start": "09:30", "end": "12:00"},
                   {"start": "10:00", "end": "10:30"}):
            a, b = chunked.messages(mtype, **kw), whole.messages(mtype, **kw)
            assert _named_equal(a, b) and (mtype == "R" or len(a)), (mtype, kw)
        batches = list(chunked.iter_batches(mtype, rows=333, symbols=symbols))
        assert all(len(b) <= 333 for b in batches) and sum(len(b) == 333 for b in batches) >= len(batches) - 1
        assert _named_equal(np.concatenate(batches), whole.messages(mtype, symbols=symbols)), mtype


def test_screens_computed_ahead_walk_as_the_walk_alone(generated, monkeypatch, numpy_loops):
    """Screens of 256 words (the journal is hundreds of them) computed ahead on the screening
    threads give the same walk, record for record, as the same screens made by the walk itself."""
    journal = generated / "journal"
    monkeypatch.setattr(framing, "CHUNK_WORDS", 256)
    monkeypatch.setattr(framing, "_AHEAD_MIN", 1 << 40)
    alone = Journal(journal)
    monkeypatch.setattr(framing, "_AHEAD_MIN", 4)
    calls = []
    real = framing._screen_on_worker
    monkeypatch.setattr(framing, "_screen_on_worker", lambda *a: calls.append(a) or real(*a))
    ahead = Journal(journal, verify_checksums=True)
    assert len(calls) > 100, len(calls)
    for a, b in zip(alone._segments, ahead._segments, strict=True):
        for ca, cb in zip(a.chunks, b.chunks, strict=True):
            for x, y in zip(ca.arrays(), cb.arrays(), strict=True):
                assert np.array_equal(x, y)
    assert ahead.counts() == alone.counts() and ahead.stats() == alone.stats()


def test_a_forked_child_walks_with_its_own_worker_threads(generated, monkeypatch, loops):
    """The reader's worker threads (the numpy walk's screens; the native decode's chunks) are the
    process's; a child made by fork after the parent used them makes its own (the parent's do not
    exist in the child: work given to them would wait forever)."""
    journal = generated / "journal"
    monkeypatch.setattr(framing, "CHUNK_WORDS", 256)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 64 << 10)  # (several chunks: decoded on the workers)
    counts = Journal(journal).counts()
    assert framing._ahead_pool is not None
    pid = os.fork()
    if pid == 0:  # the child: exit 0 if its walk counts the same
        try:
            os._exit(0 if Journal(journal).counts() == counts else 3)
        finally:
            os._exit(4)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the forked child's walk did not finish in 60 s")
