"""Chronicle Queue cycle-file framing, as docs/journal-format.md specifies it: walked in C where the
native loops can be built (native.py: _walk_native, and scan()'s count of a file's chunks), else
vectorised with numpy as follows; both give the same records, states and errors.

A cycle file is a sequence of documents: a 4-byte little-endian header word (bits 0..29 length,
bit 30 META_DATA, bit 31 NOT_COMPLETE; 0 = nothing written yet, 0xC0000000 = end of cycle)
followed by the content, each document on a 4-byte boundary.

Following the six steps of the document one header at a time in Python costs about a
microsecond per document. Instead, each chunk of the file is screened with numpy for words
that look like the header of a data document holding an ITCH message record (kind 'M' and
version 1 two words later, and a header word, without flag bits, of 28 + the record's payload
length). Where consecutive candidates chain (the next document of each is exactly the next
candidate) they form a *run*, and the walk jumps over a whole run at once. The walk itself
(the Python loop) only steps document by document at metadata documents, at records of the
other (rare) kinds, at records that do not look like records (malformed ones) and at run ends;
every position it accepts was reached through real header lengths from offset 0, so a candidate
that is only a look-alike inside another record's payload is never taken for a record: it
merely ends a run early. For the same reason a screen does not depend on where documents start,
so on a long range the screens are computed ahead of the walk on other threads (_ScreenAhead).

The walk's output arrays are allocated once for as many records as the file could hold and
filled in place (pages never written are never touched), rather than collected in pieces and
concatenated: on a large journal, fresh memory is a good part of the cost (see bench.py).
"""

import concurrent.futures
import ctypes
import mmap
import os
import threading

import numpy as np

from . import native

LENGTH_MASK = 0x3FFFFFFF
META_DATA = 0x40000000
NOT_COMPLETE = 0x80000000
END_OF_CYCLE = 0xC0000000
NOTHING_WRITTEN = 0

RECORD_HEADER = 28
LOCATE_AT = RECORD_HEADER + 1  # stock locate: bytes 1..2 of the ITCH message, big-endian
MAX_PAYLOAD = 0xFFFF
KINDS = (ord("M"), ord("G"), ord("S"), ord("E"))
KIND_MESSAGE = KINDS[0]
VERSION = 1
KIND_VERSION = KIND_MESSAGE | VERSION << 8  # record bytes 4..5 of a message, as a little-endian u16

CHUNK_WORDS = 1 << 18  # 1 MiB of file screened per numpy pass (its masks stay in cache)


MADV_POPULATE_READ = 22  # Linux 5.14: map pages in (reading a file's from the page cache), no change
MADV_POPULATE_WRITE = 23  # Linux 5.14: fault pages in, writable, without changing their contents
try:
    madvise = ctypes.CDLL(None, use_errno=True).madvise
    madvise.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
    madvise.restype = ctypes.c_int
except (OSError, AttributeError, TypeError):  # not Linux / glibc
    madvise = None


class JournalError(Exception):
    """A journal or cycle file that cannot be read: the message names the file and the offset."""


class CycleFile:
    """One memory-mapped cycle file and the walk's position in it (read-only, never copied)."""

    def __init__(self, path, cycle):
        self.path = path
        self.cycle = cycle
        self.position = 0  # byte offset of the next header word to read
        self.records = 0  # data documents seen so far (the index within the cycle)
        self.ended = False  # END_OF_CYCLE seen
        self.checked_header = False
        self.size = -1
        self._mm = None
        self.u8 = None
        self.u32 = None
        self._views = {}
        self.remap()

    def remap(self):
        """(Re)maps the file when it has grown (Chronicle extends files chunk by chunk)."""
        size = os.path.getsize(self.path)
        if (self._mm is not None or size == 0) and size == self.size:
            return
        if size == 0:  # being created by its writer: nothing written yet
            self.u8 = np.empty(0, np.uint8)
            self.u32 = np.empty(0, "<u4")
            return
        with open(self.path, "rb") as f:
            self._mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        self.size = size
        self.u8 = np.frombuffer(self._mm, dtype=np.uint8)
        self.u32 = np.frombuffer(self._mm, dtype="<u4", count=size // 4)
        self._views = {}

    def view(self, dtype):
        """A stride-1 typed view of the mapping: element i is the value whose first byte is at
        offset i (so one gather reads values at arbitrary byte offsets). Cached per mapping."""
        v = self._views.get(dtype)
        if v is None:
            dt = np.dtype(dtype)
            v = np.ndarray((self.size - dt.itemsize + 1,), dt, buffer=self._mm, strides=(1,))
            self._views[dtype] = v
        return v

    def header_at(self, p):
        """The header word at byte offset p; NOTHING_WRITTEN where the file ends."""
        if p + 4 > self.size:
            self.remap()
            if p + 4 > self.size:
                return NOTHING_WRITTEN
        return int(self.u32[p >> 2])

    def check_first_document(self):
        """Doc: the first document of every cycle file is metadata, the SCQStore header."""
        h = self.header_at(0)
        if h == NOTHING_WRITTEN or h & NOT_COMPLETE:
            return False  # being created: look again later
        length = h & LENGTH_MASK
        head = bytes(self.u8[4:4 + min(length, 64)])
        if not h & META_DATA or 4 + length > self.size or b"SCQStore" not in head:
            raise JournalError(f"{self.path}: offset 0: not a Chronicle Queue cycle file "
                               f"(no SCQStore header document; header word 0x{h:08x})")
        self.checked_header = True
        return True


_scratch = threading.local()  # per thread: the screen's two scratch arrays, reused screen to screen


def _scratch_arrays(n):
    """This thread's two scratch arrays of the screen (uint32, bool), at least n elements each."""
    b = getattr(_scratch, "b", None)
    if b is None or len(b[0]) < n:
        b = _scratch.b = (np.empty(max(n, CHUNK_WORDS), np.uint32), np.empty(max(n, CHUNK_WORDS), bool))
    return b[0][:n], b[1][:n]


def _screen(cf, lo, hi):
    """Candidate message records among word indexes [lo, hi): (positions, next positions, lengths,
    types), positions in words; types: the ITCH type byte (0 for an empty payload).

    Only records of kind 'M' are screened for (a gap or session record is rare: the walk checks
    it by itself). Read straight from the live mapping, without a snapshot: a complete header word
    is never rewritten and its content was written before it, so a stale read can only miss a
    candidate (which ends a run early; the walk then checks that document by itself), never
    invent one.
    """
    u8, u32, u16 = cf.u8, cf.u32, cf.view("<u2")  # (one mapping, even if the walk remaps meanwhile)
    hi = min(hi, len(u32) - 8)  # the type byte of a candidate at word c is in word c + 8
    if hi <= lo:
        e = np.empty(0, np.int64)
        return e, e, np.empty(0, np.uint32), np.empty(0, np.uint8)
    # record bytes 4 and 5 (kind 'M', version 1), two words after the header word, screen out
    # most words: one pass over the chunk's words as contiguous uint32 (faster than a strided
    # uint16 compare), into this thread's scratch arrays (reused screen to screen)
    n = hi - lo
    low, hit = _scratch_arrays(n)
    np.bitwise_and(u32[lo + 2:hi + 2], 0xFFFF, out=low)
    np.equal(low, KIND_VERSION, out=hit)
    c = np.flatnonzero(hit)
    c += lo
    h = u32[c]
    plen = u16[(c << 2) + 10]  # record bytes 6..7: payload length
    # a data document's header word is its length, no flags: 28 + the payload length
    ok = (h - RECORD_HEADER) == plen
    if not ok.all():
        c, h, plen = c[ok], h[ok], plen[ok]
    types = u8[(c << 2) + 4 + RECORD_HEADER]
    if not plen.all():
        types[plen == 0] = 0  # no payload: that byte is the next document's
    return c, c + ((h + 7) >> 2), h, types  # next: c + 1 + the length rounded up to words


_AHEAD_MIN = 4  # screens in a walked range for them to be computed ahead on other threads
_AHEAD = 4  # screens computed (or being computed) ahead of the one the walk is in
_ahead_pool = None
_ahead_lock = threading.Lock()


def worker_pool():
    """The reader's two worker threads, made on first use and shared by every read of the process:
    the screens of the numpy walk (on a machine of two CPUs the walk's own thread mostly waits for
    them), scan()'s page reader and the native decode's chunks (journal._Segment._decode_native). A
    task on the pool never waits for another task, so none can wait for a thread it holds."""
    global _ahead_pool
    with _ahead_lock:
        if _ahead_pool is None:
            _ahead_pool = concurrent.futures.ThreadPoolExecutor(2, "tickjournal-screen")
        return _ahead_pool


def _forget_pool():
    """In a child made by fork: the parent's screening threads do not exist there (work submitted
    to their pool would wait forever), so the child makes its own on first use."""
    global _ahead_pool, _ahead_lock
    _ahead_pool, _ahead_lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_pool)


def _screen_on_worker(cf, lo, hi):
    covered = min(hi, len(cf.u32) - 8)  # at most what the screen covers (a mapping only grows)
    return lo, covered, _screen(cf, lo, hi)


class _ScreenAhead:
    """The screens of a walked range, on a grid of CHUNK_WORDS words from its start, computed ahead
    of the walk on the screening threads (worker_pool): a screen does not depend on where documents
    start (it finds candidates anywhere in its words, and the walk chains them from a position it
    reached through real header lengths), so screens can be made before the walk gets to them,
    in parallel. The walk itself then mostly chains runs: on a 10 M-message journal the screens
    are about 85 % of the walk's time. numpy releases the GIL in the screen's passes."""

    def __init__(self, cf, lo, hi):
        self.cf, self.lo, self.hi = cf, lo, hi
        self.jobs = {}  # grid cell -> future of (lo, hi as screened, screen)
        self.next = 0  # the first cell not submitted yet

    def screen(self, p):
        """(lo, hi, screen) of the cell holding word p, or None where p is outside the grid or the
        cell was screened over less of the file than the walk now sees (then screen it itself)."""
        if not self.lo <= p < self.hi:
            return None
        k = (p - self.lo) // CHUNK_WORDS
        for old in [j for j in self.jobs if j < k]:
            del self.jobs[old]  # cells the walk went past (their results unused)
        self.next = max(self.next, k)
        while self.next <= k + _AHEAD and self.lo + self.next * CHUNK_WORDS < self.hi:
            c_lo = self.lo + self.next * CHUNK_WORDS
            self.jobs[self.next] = worker_pool().submit(_screen_on_worker, self.cf, c_lo,
                                                  min(c_lo + CHUNK_WORDS, self.hi))
            self.next += 1
        job = self.jobs.pop(k, None)
        if job is None:
            return None
        lo, hi, found = job.result()
        return (lo, hi, found) if lo <= p < hi else None

    def close(self):
        """Cancels the screens not started and waits for those running: none reads the mapping
        after the walk returns (a file cut short under a screen would fault the process)."""
        jobs, self.jobs = list(self.jobs.values()), {}
        for job in jobs:
            job.cancel()
        concurrent.futures.wait(jobs)


class _Found:
    """The walk's output arrays, filled in place: allocated for as many records as the bytes left
    in the mapping can hold (memory that is never written is never touched), grown if they
    do not suffice (documents shorter than a record) and trimmed at the end, both by realloc."""

    def __init__(self, cap):
        self.n = 0
        self.offsets = np.empty(cap, np.int64)
        self.lengths = np.empty(cap, np.int32)
        self.kinds = np.empty(cap, np.uint8)
        self.types = np.empty(cap, np.uint8)

    def room(self, m):
        """Makes room for m more records."""
        if self.n + m > len(self.offsets):
            cap = max(2 * len(self.offsets), self.n + m)
            for a in (self.offsets, self.lengths, self.kinds, self.types):
                a.resize(cap, refcheck=False)

    def run(self, cand, lengths, types):
        """A run of message records: word positions of their header words, lengths, types."""
        m = len(cand)
        self.room(m)
        n, self.n = self.n, self.n + m
        off = self.offsets[n:n + m]
        np.left_shift(cand, 2, out=off)
        off += 4  # the record starts after the header word
        self.lengths[n:n + m] = lengths
        self.kinds[n:n + m] = KIND_MESSAGE
        self.types[n:n + m] = types

    def one(self, offset, length, kind, mtype):
        self.room(1)
        n = self.n
        self.offsets[n], self.lengths[n], self.kinds[n], self.types[n] = offset, length, kind, mtype
        self.n += 1

    def arrays(self):
        for a in (self.offsets, self.lengths, self.kinds, self.types):
            a.resize(self.n, refcheck=False)
        return self.offsets, self.lengths, self.kinds, self.types


def walk(cf, limit=None):
    """Walks cf from cf.position to the end of what is written, or (limit: bytes) to the first
    document boundary at least `limit` bytes on (state "more": a chunk of the file).

    Returns (offsets, lengths, kinds, types, state): for each data document in order the byte
    offset of its content (int64), its length (int32), the record kind byte (0 for a document
    that is not a well-formed journal record: shorter than a record header, unknown kind or
    version, or a payload length that disagrees with the document's) and the ITCH type byte of
    a message (0 for other kinds and an empty payload); state is "end" (nothing more written
    yet), "eoc" (end of cycle marker), "incomplete" (a document being written at cf.position)
    or "more" (stopped at the limit).
    """
    if not cf.checked_header and not cf.check_first_document():
        e = np.empty(0, np.int64)
        return e, np.empty(0, np.int32), np.empty(0, np.uint8), np.empty(0, np.uint8), "end"
    stop = None if limit is None else cf.position + limit
    offsets, lengths, kinds, types, state, cf.position = walk_range(cf, cf.position, stop)
    return offsets, lengths, kinds, types, state


def walk_range(cf, position, stop=None, count=None):
    """The walk of walk(cf) from byte `position` (a document boundary) up to the first document
    boundary at or past byte `stop` (None: the end of what is written), without moving cf.position:
    (offsets, lengths, kinds, types, state, the position reached). Walking again a range walked
    before gives the same records (a complete document is never rewritten). count: the number of
    records the range holds, where known (scan), so that the arrays are made to size."""
    if count is None:
        # at most one record per 32 bytes (a 4-byte header word and a 28-byte record header); a
        # chunk may run past `stop` by the rest of a run (at most one screen of CHUNK_WORDS words)
        room = max(cf.size - position, 0) if stop is None else min(max(cf.size - position, 0),
                                                                   stop - position + 4 * CHUNK_WORDS)
        count = room // 32 + 16
    found = _Found(count)
    p = position >> 2  # in words
    stop_w = None if stop is None else (stop + 3) >> 2
    lib = native.lib()
    if lib is not None:
        return _walk_native(lib, cf, p, stop_w, found)
    end_w = min(len(cf.u32) - 8, stop_w if stop_w is not None else len(cf.u32))
    ahead = _ScreenAhead(cf, p, end_w) if end_w - p >= _AHEAD_MIN * CHUNK_WORDS else None
    try:
        return _walk_loop(cf, p, stop_w, found, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _walk_loop(cf, p, stop_w, found, ahead):
    """walk_range's loop (ahead: its screens computed ahead, or None)."""
    chunk_lo = chunk_hi = -1
    cand = nxt = lengths = types = brk = None
    while True:
        if stop_w is not None and p >= stop_w:
            state = "more"
            break
        stopped, h, length = _look(cf, p)
        if stopped:
            state = stopped
            break
        if h & META_DATA:
            p += 1 + ((length + 3) >> 2)
            continue
        if not chunk_lo <= p < chunk_hi:
            got = None if ahead is None else ahead.screen(p)
            if got is not None:
                chunk_lo, chunk_hi, (cand, nxt, lengths, types) = got
            else:
                # what the screen covers: up to CHUNK_WORDS, within the file as mapped now
                chunk_lo, chunk_hi = p, min(p + CHUNK_WORDS, len(cf.u32) - 8)
                cand, nxt, lengths, types = _screen(cf, chunk_lo, chunk_hi)
            # brk[i]: candidate i's next document is not candidate i + 1 (a run ends at i)
            brk = np.flatnonzero(np.append(nxt[:-1] != cand[1:], True))
        k = int(np.searchsorted(cand, p))
        if k < len(cand) and cand[k] == p:
            j = int(brk[np.searchsorted(brk, k)])
            # every document of a run but the last ends before the next one's header; the last one
            # may run past the end of a truncated file: leave it to the check above
            if j > k and (int(cand[j]) << 2) + 4 + int(lengths[j]) > cf.size:
                j -= 1
            if stop_w is not None and j > k and int(cand[j]) >= stop_w:  # a walked range ends at `stop`
                j = max(k, int(np.searchsorted(cand, stop_w)) - 1)
            found.run(cand[k:j + 1], lengths[k:j + 1], types[k:j + 1])
            p = int(nxt[j])
        else:
            found.one((p << 2) + 4, length, *_kind_of(cf, p << 2, length))
            p += 1 + ((length + 3) >> 2)
    return (*found.arrays(), state, p << 2)


def _look(cf, p):
    """The document at word p, looked at by the walk itself: (state, header word, length), state
    "end", "eoc" or "incomplete" where the walk stops there, else "" (a whole document: the
    mapping is remapped first if the file has grown under it); JournalError for a document that
    runs past the end of the file."""
    h = cf.header_at(p << 2)
    if h == NOTHING_WRITTEN:
        return "end", h, 0
    if h == END_OF_CYCLE:
        return "eoc", h, 0
    if h & NOT_COMPLETE:
        return "incomplete", h, 0
    length = h & LENGTH_MASK
    end = (p << 2) + 4 + length
    if end > cf.size:
        cf.remap()
        if end > cf.size:
            raise JournalError(f"{cf.path}: offset {p << 2}: document of {length} bytes runs past "
                               f"the end of the file ({cf.size} bytes): truncated or not a cycle file")
    return "", h, length


def _walk_native(lib, cf, p, stop_w, found):
    """walk_range's loop in C (native.py): tj_walk steps over every whole document of the mapping
    until the limit, and stops at each header it leaves to _look (the end of what is written, a
    document being written, one past the end of the mapping); so the records, the states and the
    errors are those of _walk_loop."""
    stop = -1 if stop_w is None else stop_w << 2
    at = np.zeros(2, np.int64)  # the position reached, why it stopped
    while True:
        n = found.n
        room = len(found.offsets) - n
        if room == 0:
            found.room(max(n, 1024))
            continue
        found.n += lib.tj_walk(native.address(cf.u8), cf.size, p << 2, stop,
                               native.address(found.offsets) + 8 * n, native.address(found.lengths) + 4 * n,
                               native.address(found.kinds) + n, native.address(found.types) + n,
                               room, native.address(at), None, None)
        p = int(at[0]) >> 2
        why = int(at[1])
        if why == native.LIMIT:
            return (*found.arrays(), "more", p << 2)
        if why == native.LOOK:
            stopped, _h, _length = _look(cf, p)
            if stopped:
                return (*found.arrays(), stopped, p << 2)
            # else the file had grown: walk on in the new mapping


def scan(lib, cf, limit, spec):
    """The native walk's first pass (native.py): the data documents from cf.position on, counted
    in C, not kept, a stretch at a time, each ending at the first document boundary at least
    `limit` bytes after its start (as walk(cf, limit)'s): ([(start, end, records, counts)] of the
    stretches that hold records, counts: their well-formed messages by type byte (spec: payload
    length by type byte, -1 unknown, as chunks.good_types), the state where the walk stops, as
    walk's, and the position there). Moves nothing.

    The first read of each page through a new mapping costs about 2 us on the project's virtual
    machine (0.32 s for a 650 MB file) even with its page table entry filled in, against 0.005 s
    when read again; the count itself is about 0.03 s. So while the count goes forward, a worker
    thread reads one byte a page from the far end back (tj_touch) and they meet half way."""
    at = np.zeros(2, np.int64)
    stop = np.zeros(1, np.int32)
    toucher, touched = None, cf.u8  # (the mapping it reads stays open until it has stopped)
    if cf.size - cf.position >= _TOUCH_MIN:
        toucher = worker_pool().submit(lib.tj_touch, native.address(cf.u8), cf.position, cf.size,
                                       native.address(stop))
    spans, p0, p = [], cf.position, cf.position
    counts = np.zeros(256, np.int64)
    try:
        while True:
            lib.tj_walk(native.address(cf.u8), cf.size, p, p0 + limit, None, None, None, None, 0,
                        native.address(at), native.address(spec), native.address(counts))
            p, why = int(at[0]), int(at[1])
            if why == native.LOOK:
                state, _h, _length = _look(cf, p >> 2)
                if not state:
                    continue  # the file had grown: count on in the new mapping
            else:
                state = "more"
            total = int(counts.sum())  # every data document once, in counts[0] unless good
            if total:
                spans.append((p0, p, total, counts))
                counts = np.zeros(256, np.int64)
            if state != "more":
                return spans, state, p
            p0 = p
    finally:
        if toucher is not None:
            stop[0] = 1
            toucher.result()
        del touched


_TOUCH_MIN = 16 << 20  # bytes of a file left to walk for scan() to read its pages on a second thread


def _kind_of(cf, p, length):
    """(kind byte, ITCH type byte) of the data document at p, checked one by one; (0, 0) if it is
    not a well-formed record."""
    if length < RECORD_HEADER:
        return 0, 0
    rec = bytes(cf.u8[p + 4:p + 4 + min(length, RECORD_HEADER + 1)])
    kind, version, plen = rec[4], rec[5], int.from_bytes(rec[6:8], "little")
    if version != VERSION or kind not in KINDS or plen != length - RECORD_HEADER:
        return 0, 0
    return kind, rec[RECORD_HEADER] if kind == KIND_MESSAGE and plen else 0


def walk_documents(cf):
    """The six steps of the document, one header at a time: content offsets and lengths of the
    data documents from cf.position on. For small queues (bars), where speed does not matter."""
    if not cf.checked_header and not cf.check_first_document():
        return [], [], "end"
    offsets, lengths = [], []
    p = cf.position
    state = "end"
    while True:
        h = cf.header_at(p)
        if h == NOTHING_WRITTEN:
            break
        if h == END_OF_CYCLE:
            state = "eoc"
            break
        if h & NOT_COMPLETE:
            state = "incomplete"
            break
        length = h & LENGTH_MASK
        if p + 4 + length > cf.size:
            raise JournalError(f"{cf.path}: offset {p}: document of {length} bytes runs past "
                               f"the end of the file ({cf.size} bytes): truncated or not a cycle file")
        if not h & META_DATA:
            offsets.append(p + 4)
            lengths.append(length)
        p = (p + 4 + length + 3) & ~3
    cf.position = p
    return offsets, lengths, state
