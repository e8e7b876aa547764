"""A cycle file walked chunk by chunk, so that a large journal keeps no per-record arrays.

The walk (framing.walk) finds every data document's offset, length, kind and ITCH type: 14 bytes
per record, plus 1 for its good type, 15 in all: 5.5 GB for the 368 M records of a NASDAQ-sized
day. Instead each cycle file is walked in chunks of CHUNK_BYTES of the file (about a million
records each); a chunk keeps its byte range, its first record's number, its record count and its
counts by type, and its per-record arrays only while the journal's budget of kept records
(Budget, KEEP_RECORDS) lasts. A chunk whose arrays were not kept is walked again when they are
needed (walk_range from its first byte to its last: a complete document is never rewritten, so
the same records are found), and the arrays are dropped after use. So memory for the walk is at
most the budget (240 MB) plus one chunk (15 MB), whatever the size of the journal, and a journal
within the budget is walked once, as before.

With the native loops (native.py) a chunk's bounds and counts come from a count of its documents
in C (framing.scan), and its arrays are made (and kept, within the budget) only when they are
first needed: a whole-type read never needs them (see _walk_chunks_native).
"""

import numpy as np

from . import itch, native
from .framing import RECORD_HEADER, scan, walk, walk_range

CHUNK_BYTES = 64 << 20  # of a cycle file per chunk: about 1 M records of 64 bytes, 15 MB of arrays
KEEP_RECORDS = 16 << 20  # records whose walk arrays a journal keeps (15 bytes each: 240 MB)
SPEC_LENGTH = np.array(itch.LENGTHS, np.int32)  # ITCH payload length by type byte, -1 unknown


def good_types(types, lengths):
    """Per record, its type byte if it is a message of a known type and of the spec length, else 0
    (a cache-sized block at a time)."""
    good = np.empty(len(types), np.uint8)
    step = 1 << 18
    for b in range(0, len(types), step):
        t = types[b:b + step]
        ok = SPEC_LENGTH[t] == lengths[b:b + step] - RECORD_HEADER  # -1: unknown type
        np.multiply(t, ok, out=good[b:b + step])
    return good


class Budget:
    """How many more records' walk arrays a journal keeps (not thread-safe: one per journal)."""

    def __init__(self, records=None):
        self.left = KEEP_RECORDS if records is None else records

    def take(self, n):
        """True (and n fewer left) if n more records' arrays may be kept."""
        if n > self.left:
            self.left = 0  # later chunks are not kept either: those kept stay a prefix (of the walk,
            # or of the chunks first needed, with the native loops)
            return False
        self.left -= n
        return True


class Chunk:
    """The records of one stretch of a cycle file found by one walk: byte range [pos0, pos1), the
    number of its first record within its segment (start), its record count (n) and its counts of
    well-formed messages by type byte (counts, 256); its walk arrays if kept (arrays())."""

    __slots__ = ("cf", "pos0", "pos1", "start", "n", "counts", "_arrays", "_budget")

    def __init__(self, cf, pos0, pos1, start, offsets, lengths, kinds, types, keep):
        self.cf, self.pos0, self.pos1, self.start, self.n = cf, pos0, pos1, start, len(offsets)
        good = good_types(types, lengths)
        self.counts = np.bincount(good, minlength=256)
        self._arrays = (offsets, lengths, kinds, types, good) if keep else None
        self._budget = None

    @classmethod
    def from_counts(cls, cf, pos0, pos1, start, n, counts, budget=None):
        """A chunk known from an index (index.py) or a count (framing.scan) without its walk
        arrays: arrays() walks it when they are needed, and keeps them the first time if `budget`
        (the journal's Budget, or None) still allows."""
        chunk = cls.__new__(cls)
        chunk.cf, chunk.pos0, chunk.pos1, chunk.start, chunk.n = cf, pos0, pos1, start, n
        chunk.counts, chunk._arrays, chunk._budget = counts, None, budget
        return chunk

    @property
    def kept(self):
        """Whether the walk arrays are kept (else arrays() walks the chunk again)."""
        return self._arrays is not None

    def arrays(self):
        """(offsets, lengths, kinds, types, good types) of the chunk's records, as framing.walk and
        good_types give them: the kept ones, or those of a new walk of the chunk (not kept)."""
        if self._arrays is not None:
            return self._arrays
        offsets, lengths, kinds, types, _state, _end = walk_range(self.cf, self.pos0, self.pos1, self.n)
        if len(offsets) != self.n:  # (the file's documents before pos1 are complete: never rewritten)
            raise RuntimeError(f"{self.cf.path}: offset {self.pos0}: walked again, {len(offsets)} records "
                               f"instead of {self.n}")
        arrays = offsets, lengths, kinds, types, good_types(types, lengths)
        if self._budget is not None:
            budget, self._budget = self._budget, None  # (asked once)
            if budget.take(self.n):
                self._arrays = arrays
        return arrays


def walk_chunks(cf, budget, chunk_bytes=None):
    """Walks cf from cf.position to the end of what is written, a chunk at a time: (chunks, state),
    state as framing.walk's at the end; cf.position and cf.records move on past the records found."""
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    lib = native.lib()
    if lib is not None:
        return _walk_chunks_native(lib, cf, budget, chunk_bytes)
    chunks, start = [], 0
    while True:
        pos0 = cf.position
        offsets, lengths, kinds, types, state = walk(cf, chunk_bytes)
        if len(offsets):
            keep = budget.take(len(offsets))
            chunks.append(Chunk(cf, pos0, cf.position, start, offsets, lengths, kinds, types, keep))
            start += len(offsets)
        if state != "more":
            break
    cf.records += start
    return chunks, state


def _walk_chunks_native(lib, cf, budget, chunk_bytes):
    """walk_chunks with the native loops: each chunk's bounds, record count and counts by type from
    one count of the documents in C (framing.scan), its walk arrays not made at open (decode_all
    walks and copies a chunk in one pass without them; Chunk.arrays walks it when they are needed,
    for stats(), records() and filtered reads, and keeps them while the budget lasts): the walk
    arrays are 15 bytes of fresh memory a record, and a first touch of fresh memory is costly (see
    bench.py). The same chunks, bounds and counts as walk_chunks' other path."""
    if not cf.checked_header and not cf.check_first_document():
        return [], "end"
    spans, state, end = scan(lib, cf, chunk_bytes, SPEC_LENGTH)
    chunks, start = [], 0
    for p0, p1, n, counts in spans:
        chunks.append(Chunk.from_counts(cf, p0, p1, start, n, counts, budget))
        start += n
    cf.position = end
    cf.records += start
    return chunks, state
