"""The chunked walk (tickjournal/chunks.py): a journal walked in many small chunks, most of whose
walk arrays are not kept (walked again when needed), reads exactly what a journal walked in one
chunk with every array kept reads: counts, every type, records, stats, filters and batches."""

import numpy as np
import pytest

from tickjournal import Journal, chunks


def _named_equal(a, b):
    """Equal named fields, row by row (np.concatenate of batches keeps only those)."""
    names = a.dtype.names
    return names == b.dtype.names and len(a) == len(b) and all(np.array_equal(a[n], b[n]) for n in names)


@pytest.fixture(params=[True, False], ids=["verify", "no-verify"])
def pair(generated, monkeypatch, request):
    """(whole, chunked): the generated day read with the defaults, and with chunks of 64 KiB of
    which only the first 5,000 records' arrays are kept."""
    journal = generated / "journal"
    whole = Journal(journal, verify_checksums=request.param)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 64 << 10)
    monkeypatch.setattr(chunks, "KEEP_RECORDS", 5000)
    chunked = Journal(journal, verify_checksums=request.param)
    (seg,) = chunked._segments
    assert len(whole._segments[0].chunks) == 1 and len(seg.chunks) > 40, len(seg.chunks)
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
