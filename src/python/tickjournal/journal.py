"""Read a tickjournal journal directory into numpy structured arrays (and pandas DataFrames).

Written from docs/journal-format.md alone. Cycle files are memory-mapped, never copied. The
records of every message type of a walk (a _Segment) are decoded in one pass over its file
(_Segment.decode_all): with the native loops (native.py) each chunk walked and its records copied
into their types' result arrays in C, two chunks at a time; else windows of records read in order,
sorted by type and gathered from cache into each type's result array; their CRC32C checked from
those same rows when verifying; the arrays are kept on the segment, so that counts() and every
messages(t) use that one pass. The computed columns (timestamp, symbol, float prices) are set by messages(), a block of rows at a
time, while the block is in cache.
"""

import concurrent.futures
import ctypes
import datetime
import errno
import os
import re
import sys
import threading

import numpy as np

from . import itch, native
from .chunks import SPEC_LENGTH as _SPEC_LENGTH, Budget, walk_chunks
from .crc32c import PLAN_MIN, crc32c_rows, crc32c_words, learn_varying
from .framing import (MADV_POPULATE_WRITE, RECORD_HEADER, CycleFile, JournalError, madvise, walk_documents,
                      worker_pool)

CYCLE_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})F\.cq4$")
EPOCH = datetime.date(1970, 1, 1)

KIND_MESSAGE, KIND_GAP, KIND_SESSION_START, KIND_SESSION_END = (ord(c) for c in "MGSE")

# record header (little-endian), offsets from the start of the record
CRC_OFFSET, KIND_OFFSET, VERSION_OFFSET, LENGTH_OFFSET = 0, 4, 5, 6
RECEIVE_TIME_OFFSET, SEQUENCE_OFFSET, SOURCE_ID_OFFSET = 8, 16, 24


def _cycle_files(path):
    """(cycle number, file path) of the .cq4 files of a queue directory, in cycle order."""
    if not os.path.isdir(path):
        if os.path.exists(path):
            raise JournalError(f"{path}: not a directory (a journal is a directory of .cq4 cycle files)")
        raise JournalError(f"{path}: no such journal directory")
    out = []
    for name in sorted(os.listdir(path)):
        if not name.endswith(".cq4"):
            continue
        m = CYCLE_NAME.match(name)
        if not m:
            raise JournalError(f"{os.path.join(path, name)}: offset 0: not a FAST_DAILY cycle file name "
                               "(expected yyyyMMddF.cq4)")
        day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        out.append(((day - EPOCH).days, os.path.join(path, name)))
    return out


class _Segment:
    """Records read from one cycle file in one walk, as chunks of the file (chunks.Chunk: their
    walk arrays kept within the journal's budget, else walked again when needed)."""

    def __init__(self, cf, chunks, first, index=None):
        self.cf = cf
        self.views = cf.view
        self.chunks = chunks
        self.index = index  # index.FileIndex whose chunks these are, or None (walked)
        # journal index: (cycle << 32) | n-th data document of the cycle
        self.first_index = (cf.cycle << 32) + first
        self._n = sum(c.n for c in chunks)
        self._counts = np.zeros(256, np.int64)
        for c in chunks:
            self._counts += c.counts
        self._dec = None  # decode_all(): type byte -> result array (record bytes, index)
        self._dec_ok = None  # and -> its CRC check, when verifying

    def __len__(self):
        return self._n

    def _joined(self, i):
        parts = [c.arrays()[i] for c in self.chunks]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    @property
    def offsets(self):
        """Every record's content offset (int64), the chunks' joined (a new walk of those not kept)."""
        return self._joined(0)

    @property
    def lengths(self):
        """Every record's length (int32), as offsets."""
        return self._joined(1)

    @property
    def kind(self):
        """Every record's kind byte (0: malformed), as offsets."""
        return self._joined(2)

    @property
    def mtype(self):
        """Every record's ITCH type byte (0 for other kinds and malformed records), as offsets."""
        return self._joined(3)

    @property
    def plen(self):
        """Payload lengths (meaningless where kind == 0)."""
        return self.lengths.astype(np.int64) - RECORD_HEADER

    def good_types(self):
        """Per record, its type byte if it is a message of a known type and of the spec length,
        else 0 (chunks.good_types), as offsets."""
        return self._joined(4)

    def counts(self):
        """Number of well-formed messages by type byte (256 counts)."""
        return self._counts

    def rows_at(self, offs, record_length):
        """The records at content offsets `offs` (ascending), all `record_length` bytes long, copied
        into one (n, width) uint8 array (width: the length rounded up to 4, the document's padding),
        one gather. (Fancy indexing, not np.take: take would first copy the overlapping stride-1
        view whole.)"""
        width = (record_length + 3) & ~3
        if len(offs) and int(offs[-1]) + width > self.cf.size:
            # a file cut inside the last record's padding (found by test_reader_fuzz.py): the
            # record is whole, its padding is not; pad with zeros
            out = np.zeros((len(offs), width), np.uint8)
            out[:, :record_length] = self.views(f"V{record_length}")[offs].view(np.uint8).reshape(
                len(offs), record_length)
            return out
        raw = self.views(f"V{width}")[offs]
        return raw.view(np.uint8).reshape(len(offs), width)

    def crc_rows_at(self, offs, record_length):
        """The records at `offs` for their CRC check: as rows_at(), but 8 * ceil(record_length / 8)
        bytes wide where the file holds them (the CRC reads whole 8-byte words)."""
        w = 8 * -(-record_length // 8)
        if len(offs) and int(offs[-1]) + w > self.cf.size:
            return self.rows_at(offs, record_length)
        raw = self.views(f"V{w}")[offs]
        return raw.view(np.uint8).reshape(len(offs), w)

    def learn_crc(self, codes, samples=256):
        """Shows the CRC a sample of the messages of each type byte in `codes`, spread over the
        chunks whose walk arrays are kept (else the first chunk), so that it knows from the start
        which of their bits vary (see crc32c.learn_varying)."""
        chunks = [c for c in self.chunks if c.kept] or self.chunks[:1]
        every = max(1, sum(c.n for c in chunks) // (16 * samples))
        picked = {code: [] for code in codes}
        for c in chunks:
            offsets, _l, _k, _t, good = c.arrays()
            at = np.arange(0, c.n, every)
            g, o = good[at], offsets[at]
            for code in codes:
                picked[code].append(o[g == code])
        for code in codes:
            offs = np.concatenate(picked[code])
            if len(offs) > 2:
                record_length = RECORD_HEADER + int(_SPEC_LENGTH[code])
                pick = offs[np.linspace(0, len(offs) - 1, min(samples, len(offs))).astype(np.intp)]
                rows = self.crc_rows_at(pick, record_length)
                k = rows.shape[1] // 8
                learn_varying(np.ascontiguousarray(rows[:, :8 * k]).view("<u8").T, 4, record_length - 4, kind=code)

    def decoded(self, code, verify):
        """(raw, ok) of type byte `code`: raw, the type's well-formed messages in order in their
        result dtype (_out_dtype: record bytes and the index column; the other computed columns
        are messages()'s), ok their CRC32C check (None without verification). Every type of the
        segment is decoded in one pass over the file (decode_all) the first time one is asked for."""
        if self._dec is None or (verify and self._dec_ok is None):
            self.decode_all(verify)
        return self._dec.get(code), (self._dec_ok.get(code) if verify else None)

    def decode_all(self, verify):
        """Decodes every known type of the segment in one pass over the file into its result array
        (and, when verifying, its CRC32C checks): with the native loops (_decode_native), else in
        windows of records (_decode_windows). Meanwhile another thread faults the result arrays'
        pages in (_Populate)."""
        counts = self.counts()
        codes = sorted(ord(t) for t in itch.MESSAGES if counts[ord(t)])
        outs = {code: np.empty(int(counts[code]), _out_dtype(chr(code))[0]) for code in codes}
        self._dec, self._dec_ok = outs, ({} if verify else None)
        if not codes:
            return
        lib = native.lib()
        if lib is not None:
            self._decode_native(lib, codes, outs, verify)
            return
        pool = concurrent.futures.ThreadPoolExecutor(2, "tickjournal-crc") if verify else None
        try:
            self._decode_windows(codes, outs, verify, pool)
        finally:
            if pool is not None:
                pool.shutdown(wait=True)

    def _decode_native(self, lib, codes, outs, verify):
        """decode_all's pass in C (native.py): the chunks walked again and their message records
        copied in order into their types' result arrays (record bytes and the index column), each
        one's CRC32C checked from the row just written when verifying; two chunks at a time on the
        reader's worker threads, each from where the chunks before it end in every array (known
        from their counts)."""
        tables = np.zeros((5, 256), np.int64)  # per type byte: out, stride, width, length, index_at
        ok_at = np.zeros(256, np.int64)
        for code in codes:
            out = outs[code]
            tables[:, code] = (native.address(out), out.dtype.itemsize, _out_dtype(chr(code))[1],
                               RECORD_HEADER + int(_SPEC_LENGTH[code]), out.dtype.fields["index"][1])
            if verify:
                self._dec_ok[code] = np.empty(len(out), bool)
                ok_at[code] = native.address(self._dec_ok[code])
        fills = np.zeros((len(self.chunks) + 1, 256), np.int64)  # where each chunk starts, per type
        np.cumsum([c.counts for c in self.chunks], axis=0, out=fills[1:])
        u8, size = self.cf.u8, self.cf.size  # (a mapping that holds every chunk: they were walked in it)

        def one(k):
            chunk, fill = self.chunks[k], fills[k].copy()
            n = lib.tj_decode(native.address(u8), size, chunk.pos0, chunk.pos1, native.address(_SPEC_LENGTH),
                              self.first_index + chunk.start, *(native.address(t) for t in tables),
                              native.address(fill), native.address(ok_at) if verify else None)
            if n != chunk.n or not (fill[codes] == fills[k + 1][codes]).all():
                raise RuntimeError(f"{self.cf.path}: offset {chunk.pos0}: walked again, {n} records "
                                   f"instead of {chunk.n}")

        populate = self._populate(codes, outs)
        try:
            list(worker_pool().map(one, range(len(self.chunks))))
        finally:
            if populate is not None:
                populate.stop = True
                populate.join()

    @staticmethod
    def _populate(codes, outs):
        """A started _Populate of the result arrays, or None where it is not worth it (or not
        available)."""
        if madvise is None or sum(a.nbytes for a in outs.values()) < _POPULATE_MIN:
            return None
        populate = _Populate([outs[c] for c in codes])
        populate.start()
        return populate

    def _decode_windows(self, codes, outs, verify, pool):
        """decode_all's pass with the numpy loops, in windows of records read in order (so that
        they are in cache): each window's records sorted by type (one stable sort of their type
        bytes) and each type's part gathered from cache straight into the type's result array, its
        journal index set, and (when verifying) its rows added to the type's CRC staging block
        (_Staged), checked when full, on a worker thread of `pool`. Scattered gathers of one type
        at a time, and a second read of the file for the CRCs, are avoided."""
        fill = dict.fromkeys(codes, 0)
        dts = {code: outs[code].dtype for code in codes}
        views = {code: self.views(f"V{dts[code].itemsize}") for code in codes}
        staged = {}
        if verify:
            self.learn_crc([code for code in codes if len(outs[code]) >= PLAN_MIN])
            for code in codes:
                length = RECORD_HEADER + int(_SPEC_LENGTH[code])
                rows8 = outs[code].view(np.uint8).reshape(len(outs[code]), -1)[:, :8 * -(-length // 8)].view("<u8")
                staged[code] = _Staged(code, length, rows8, pool)
        populate = self._populate(codes, outs)
        # per type, the views the pass writes through, made once (a view of a structured array
        # checks every field: made per window and type they took about 0.1 s per 10 M messages)
        cols = {}
        for code in codes:
            out = outs[code]
            cols[code] = (out.view(views[code].dtype), out["index"], staged.get(code))
        try:
            for chunk in self.chunks:
                self._decode_chunk(chunk, codes, outs, fill, views, dts, staged, cols)
        finally:
            if populate is not None:
                populate.stop = True
                populate.join()
        for code in codes:
            assert fill[code] == len(outs[code])
        if verify:  # the last blocks, checked on the pool too, while the others finish
            for code in codes:
                staged[code].flush()
            for code in codes:
                staged[code].finish()
                self._dec_ok[code] = staged[code].ok

    def _decode_chunk(self, chunk, codes, outs, fill, views, dts, staged, cols):
        """decode_all's pass over one chunk of the file (its walk arrays kept, or walked again)."""
        offsets, _lengths, _kinds, _types, good = chunk.arrays()
        carr = np.array(codes, np.uint8)
        itemsize = max(dt.itemsize for dt in dts.values())
        u32 = self.cf.u32
        # records whose `itemsize` bytes all lie in the file: all but perhaps the last few
        end = int(np.searchsorted(offsets, self.cf.size - itemsize, "right"))
        first = self.first_index + chunk.start
        for w0 in range(0, end, _WINDOW):
            w1 = min(end, w0 + _WINDOW)
            u32[int(offsets[w0]) // 4:(int(offsets[w1 - 1]) + itemsize) // 4].max()  # the window, in order
            g = good[w0:w1]
            order = np.argsort(g, kind="stable")
            by_type = g[order]
            lo, hi = np.searchsorted(by_type, carr), np.searchsorted(by_type, carr + 1)
            offs = offsets[w0:w1]
            for code, a, b in zip(codes, lo.tolist(), hi.tolist()):
                if b <= a:
                    continue
                pos = order[a:b]
                f, (whole, index, st) = fill[code], cols[code]
                # itemsize bytes per record straight into the result: the bytes past the record
                # (the following documents) land where the computed columns go, overwritten later
                whole[f:f + b - a] = views[code][offs[pos]]
                np.add(pos, first + w0, out=index[f:f + b - a])
                if st is not None:
                    st.add(b - a)
                fill[code] = f + b - a
        # the records from `end` on (the last few of the file): from their own bytes only
        for code in codes if end < len(offsets) else ():
            rest = end + np.flatnonzero(good[end:] == code)
            if not len(rest):
                continue
            length = RECORD_HEADER + int(_SPEC_LENGTH[code])
            out, f = outs[code], fill[code]
            flat = out.view(np.uint8).reshape(len(out), -1)[f:f + len(rest)]
            flat[:, :(length + 3) & ~3] = self.rows_at(offsets[rest], length)
            out["index"][f:f + len(rest)] = first + rest
            if code in staged:
                staged[code].add(len(rest))
            fill[code] = f + len(rest)

    def crc_ok_at(self, offs, lengths):
        """CRC32C check of the records at content offsets `offs` (ascending) of the given lengths
        (by length group); for stats() and records()."""
        ok = np.zeros(len(offs), bool)
        for length in np.unique(lengths):
            g = np.flatnonzero(lengths == length)
            ok[g] = _crc_good(self.crc_rows_at(offs[g], int(length)), int(length))
        return ok


def _crc_good(rows, record_length, kind=None):
    """Per row of record bytes (rows: (n, width) uint8, each row contiguous, width at least
    record_length; the CRC reads 8-byte words, so best at least 8 * ceil(record_length / 8)),
    whether the stored CRC32C (bytes 0..3) is that of bytes [4, record_length). kind: the type
    byte, when all are messages of one type (their own CRC plan, see crc32c)."""
    lib = native.lib()
    if lib is not None and rows.strides[1] == 1:
        return native.crc_rows(lib, rows, record_length)
    return crc32c_rows(rows, 4, record_length - 4, kind=kind) == rows[:, :4].view("<u4")[:, 0]


class _Populate(threading.Thread):
    """Faults the pages of the result arrays in, on another thread, ahead of decode_all's
    writes: a fresh page costs the kernel (and, on a virtual machine, its host) far more than the
    decode spends writing it, and on a second CPU that cost overlaps the decode instead of adding
    to it. madvise(MADV_POPULATE_WRITE) never changes what a page holds, so it may run while the
    decode writes the same pages. decode_all fills each type's array front to back as it reads
    the file; this takes them all in step, a slice at a time, from their ends back, so that
    where faulting is the slower of the two, the decode faults the first part of the arrays
    and this thread the last, neither faulting what the other did. Where the call is not
    available (other systems, older kernels) it stops, changing nothing."""

    def __init__(self, arrays, steps=64):
        threading.Thread.__init__(self, name="tickjournal-populate", daemon=True)
        self.arrays = arrays  # (kept alive while their pages are faulted in)
        self.spans = [(a.ctypes.data, a.nbytes) for a in arrays if a.nbytes >= _POPULATE_MIN]
        self.steps = steps
        self.stop = False

    def run(self):
        page = 4096
        for s in range(self.steps - 1, -1, -1):
            for addr, size in self.spans:
                # whole pages of the array only: nothing else is faulted in
                lo = (addr + size * s // self.steps + page - 1) & ~(page - 1)
                hi = (addr + size * (s + 1) // self.steps) & ~(page - 1)
                if self.stop:
                    return
                if hi > lo and madvise(lo, hi - lo, MADV_POPULATE_WRITE) != 0:
                    if ctypes.get_errno() == errno.EINVAL:  # not supported by this kernel
                        return


class _Staged:
    """One type's CRC check in _Segment.decode_all. The decode fills the type's result array front
    to back; each time _STAGE more rows are filled (add), that block of rows is checked: its words
    copied into a words-major block ((words, rows) uint64, word j holding record bytes
    [8j, 8j + 8), what crc32c_words reads), then looked up. With a `pool` (an executor of one
    thread, shared by the types) both the copy and the check run there while the decode goes on
    (each check reads only rows already filled and writes only its own part of `ok`; finish()
    waits for them): the copy is a strided transpose of about 0.4 GB for 10 M messages, which on
    the decode's own thread took about a third of a verifying read's decode time."""

    def __init__(self, code, record_length, rows8, pool=None):
        self.code, self.record_length = code, record_length
        self.rows8 = rows8  # (count, words) uint64: the type's result rows, read as words
        self.words = rows8.shape[1]
        self.ok = np.empty(len(rows8), bool)
        self.pool = pool
        self.jobs = []  # checks submitted to the pool
        self.done = 0  # rows checked (or being checked)
        self.filled = 0  # rows filled by the decode

    def add(self, m):
        """The decode has filled m more rows; a full block of them is checked."""
        self.filled += m
        if self.filled - self.done >= _STAGE:
            self.flush()

    def _check(self, lo, hi):
        w = np.empty((self.words, hi - lo), np.uint64)
        np.copyto(w, self.rows8[lo:hi].T)
        crc = crc32c_words(w, 4, self.record_length - 4, self.code)
        np.equal(crc, w[0].view("<u4")[::2], out=self.ok[lo:hi])  # bytes 0..3

    def flush(self):
        """Checks the rows filled and not yet checked (on the pool: starts their check)."""
        if self.filled > self.done:
            if self.pool is None:
                self._check(self.done, self.filled)
            else:
                self.jobs.append(self.pool.submit(self._check, self.done, self.filled))
            self.done = self.filled

    def finish(self):
        """Waits for the checks on the pool (their errors raised here)."""
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job.result()


def _out_dtype(mtype):
    """The dtype of messages(mtype): the record as it lies in the journal (the 28-byte capture
    header, then the ITCH message with its big-endian fields at their wire offsets), followed by
    the computed columns. Named fields only; the CRC, kind, version, length and padding bytes
    are there but unnamed."""
    _name, length, fields = itch.MESSAGES[mtype]
    width = (RECORD_HEADER + length + 3) & ~3
    spec = [("receive_time_ns", "<i8", RECEIVE_TIME_OFFSET), ("sequence", "<i8", SEQUENCE_OFFSET),
            ("source_id", "<u4", SOURCE_ID_OFFSET), ("locate", ">u2", RECORD_HEADER + 1),
            ("tracking", ">u2", RECORD_HEADER + 3)]
    for name, off, size, kind in fields:
        spec.append((name, f"S{size}" if kind == "a" else f">u{size}", RECORD_HEADER + off))
    at = width
    extra = [("index", "<i8"), ("timestamp", "<i8"), ("symbol", "S8")]
    extra += [(name + "_float", "<f8") for name, _o, _s, kind in fields if kind in itch.PRICE_SCALE]
    for name, fmt in extra:
        spec.append((name, fmt, at))
        at += np.dtype(fmt).itemsize
    return np.dtype({"names": [f[0] for f in spec], "formats": [f[1] for f in spec],
                     "offsets": [f[2] for f in spec], "itemsize": at}), width


_BLOCK = 32768  # rows given their computed columns at once (a few MB: they stay in cache)
_WINDOW = 16384  # records of a file read at once by decode_all (about 1 MB: they stay in cache)
_STAGE = 65536  # records of a type checked at once by decode_all (each CRC lookup table is read
# from memory once per check: at 16K records that was about 0.25 s of the 0.6 s of the checks)
_POPULATE_MIN = 1 << 22  # result arrays faulted in ahead by _Populate: of at least 4 MB


class Records:
    """A set of journal records read in one or more walks: counts and per-type decoded arrays."""

    def __init__(self, journal, segments):
        if journal is not self:  # a Journal is its own (see Journal._journal): no reference cycle
            self._journal = journal
        self._segments = segments
        self._cache = {}

    def __len__(self):
        return sum(len(s) for s in self._segments)

    def counts(self):
        """{ITCH message type letter: number of messages} of the known types, well-formed and
        (when verifying) with a good checksum."""
        by_seg = [seg.counts() for seg in self._segments]
        verify = self._journal.verify_checksums
        out = {}
        for mtype in itch.MESSAGES:
            n = 0
            for seg, c in zip(self._segments, by_seg):
                if c[ord(mtype)]:
                    # verifying: the first type asked for decodes and checks every type of the
                    # segment in one pass over its file (kept for messages())
                    n += int(np.count_nonzero(seg.decoded(ord(mtype), True)[1])) if verify else int(c[ord(mtype)])
            if n:
                out[mtype] = n
        return out

    def stats(self):
        """Record counts: by kind, malformed, checksum failures, unknown types and bad lengths."""
        out = {"records": 0, "messages": 0, "gaps": 0, "session_starts": 0, "session_ends": 0,
               "malformed": 0, "checksum_failures": 0, "unknown_types": 0, "bad_lengths": 0}
        verify = self._journal.verify_checksums
        for seg in self._segments:
            for c in seg.chunks:  # a chunk's arrays at a time (walked again where not kept)
                offsets, lengths, kinds, types, _good = c.arrays()
                out["records"] += c.n
                out["malformed"] += int((kinds == 0).sum())
                idx = np.flatnonzero(kinds != 0)
                if verify:
                    ok = seg.crc_ok_at(offsets[idx], lengths[idx])
                    out["checksum_failures"] += int((~ok).sum())
                    idx = idx[ok]
                k = kinds[idx]
                out["messages"] += int((k == KIND_MESSAGE).sum())
                out["gaps"] += int((k == KIND_GAP).sum())
                out["session_starts"] += int((k == KIND_SESSION_START).sum())
                out["session_ends"] += int((k == KIND_SESSION_END).sum())
                m = idx[k == KIND_MESSAGE]
                expected = _SPEC_LENGTH[types[m]]
                out["unknown_types"] += int((expected < 0).sum())
                out["bad_lengths"] += int(((expected >= 0) & (expected != lengths[m] - RECORD_HEADER)).sum())
        return out

    @staticmethod
    def dtype(mtype):
        """The numpy dtype of messages(mtype)."""
        if mtype not in itch.MESSAGES:
            raise KeyError(f"unknown ITCH 5.0 message type {mtype!r}")
        return _out_dtype(mtype)[0]

    def messages(self, mtype, symbols=None, start=None, end=None):
        """Messages of one ITCH type (e.g. "E") as a numpy structured array, in journal order.

        With filters, only the messages of the listed `symbols` (stock directory symbols, str or
        bytes) and/or with start <= ITCH timestamp < end (ns since midnight, or "HH:MM[:SS.fff]"),
        and only those records are read (query.select; not cached).

        Fields: receive_time_ns, sequence, source_id (capture header), locate, tracking, then the
        fields of the type (itch.MESSAGES; integers big-endian as on the wire, which numpy reads
        transparently; alpha fields bytes, space padded), then index (journal index), timestamp
        (ITCH, ns since midnight), symbol (bytes, from the stock directory by locate; b"" when
        none) and a float for each price field (``<field>_float``: the integer / 10^4, 10^8 in V).
        Messages whose length is not the spec length are left out (stats() counts them), and so
        are records whose checksum fails when verifying.
        """
        if symbols is not None or start is not None or end is not None:
            from . import query
            return query.select(self, mtype, symbols, start, end)
        cached = self._cache.get(mtype)
        if cached is not None:
            return cached
        self.dtype(mtype)  # KeyError naming an unknown type
        dt, _width = _out_dtype(mtype)
        code = ord(mtype)
        verify = self._journal.verify_checksums
        table = None if mtype == "R" else self._journal.symbol_table()
        parts, oks = [], []
        for seg in self._segments:
            if seg.counts()[code]:
                raw, ok = seg.decoded(code, verify)
                parts.append(raw)
                oks.append(ok)
        if len(parts) == 1:
            out = parts[0]  # the segment's own array: its computed columns are (re)set below
        elif parts:  # joined whole rows, unnamed bytes too (the timestamp is read from them); not
            # np.concatenate, nor a structured assignment: they would keep the named fields only
            out = np.empty(sum(len(p) for p in parts), dt)
            at, whole = 0, f"V{dt.itemsize}"
            for p in parts:
                out[at:at + len(p)].view(whole)[:] = p.view(whole)
                at += len(p)
        else:
            out = np.empty(0, dt)
        set_computed_columns(out, mtype, table)
        if verify and parts:
            keep = oks[0] if len(oks) == 1 else np.concatenate(oks)
            if not keep.all():
                out = out[keep]
        self._cache[mtype] = out
        return out

    def to_pandas(self, mtype, symbols=None, start=None, end=None):
        """messages(mtype, ...) as a pandas DataFrame, symbol and alpha fields as trimmed str."""
        return to_frame(self.messages(mtype, symbols, start, end))

    def iter_batches(self, mtype, rows=1_000_000, symbols=None, start=None, end=None):
        """Yields the messages of messages_where(...) in journal order as structured arrays of at
        most `rows` rows each, so that a type larger than memory can be read (see query.py)."""
        from . import query
        return query.iter_batches(self, mtype, rows, symbols, start, end)

    def book(self, symbol, at=None, levels=10):
        """The order book of `symbol` after every event up to ITCH time `at` (ns or "HH:MM[:SS.fff]",
        inclusive; None: the end of what is read), as a DataFrame of `levels` rows, LOBSTER's layout:
        level, bid_price, bid_size, ask_price, ask_size (ITCH integer prices; 0 where a side has no
        such level). See book.py."""
        from . import book
        return book.order_book(self, symbol, at, levels)


    def records(self):
        """Every record's header fields as one structured array, malformed ones included
        (kind b"" and good False); good is False too where the checksum fails when verifying."""
        dt = np.dtype([("index", np.int64), ("kind", "S1"), ("type", "S1"), ("payload_length", np.int64),
                       ("receive_time_ns", np.int64), ("sequence", np.int64), ("source_id", np.uint32),
                       ("good", bool)])
        parts = []
        for seg in self._segments:
            for c in seg.chunks:
                offsets, lengths, kinds, types, _good = c.arrays()
                out = np.zeros(c.n, dt)
                out["index"] = seg.first_index + c.start + np.arange(c.n)
                out["kind"] = kinds.view("S1")
                out["type"] = types.view("S1")
                g = np.flatnonzero(kinds != 0)
                out["payload_length"][g] = lengths[g] - RECORD_HEADER
                o = offsets[g]
                out["receive_time_ns"][g] = seg.views("<i8")[o + RECEIVE_TIME_OFFSET]
                out["sequence"][g] = seg.views("<i8")[o + SEQUENCE_OFFSET]
                out["source_id"][g] = seg.views("<u4")[o + SOURCE_ID_OFFSET]
                if self._journal.verify_checksums:
                    out["good"][g] = seg.crc_ok_at(o, lengths[g])
                else:
                    out["good"][g] = True
                parts.append(out)
        return np.concatenate(parts) if parts else np.empty(0, dt)


def to_frame(arr):
    """A messages() array as a pandas DataFrame: native integers, symbol and alpha fields as trimmed str."""
    import pandas as pd
    cols = {}
    first = ["index", "receive_time_ns", "sequence", "source_id", "locate", "tracking", "timestamp", "symbol"]
    for n in first + [n for n in arr.dtype.names if n not in first]:
        a = arr[n]
        cols[n] = _alpha_to_str(a) if a.dtype.kind == "S" else a.astype(a.dtype.newbyteorder("="))
    return pd.DataFrame(cols)


def set_computed_columns(out, mtype, table):
    """Sets timestamp, symbol and the <price>_float columns of `out` (a messages(mtype) array whose
    record bytes are in place), a block of rows at a time while it is in cache. table: symbols
    by locate (None for R: its own stock field)."""
    dt = out.dtype
    prices = [(name, itch.PRICE_SCALE[kind]) for name, _o, _s, kind in itch.MESSAGES[mtype][2]
              if kind in itch.PRICE_SCALE]
    for lo in range(0, len(out), _BLOCK):
        hi = min(len(out), lo + _BLOCK)
        blk = out[lo:hi]
        # Timestamp(6): bytes 5..10 of the message, the low 6 bytes of the u64 at byte 3
        ts = np.ndarray((hi - lo,), ">u8", buffer=out, offset=lo * dt.itemsize + RECORD_HEADER + 3,
                        strides=(dt.itemsize,))
        np.bitwise_and(ts, np.uint64(0xFFFFFFFFFFFF), out=blk["timestamp"], casting="unsafe")
        for name, scale in prices:
            np.divide(blk[name], scale, out=blk[name + "_float"])
        blk["symbol"] = np.char.rstrip(blk["stock"], b" ") if table is None else table[blk["locate"]]


def _alpha_to_str(a):
    """Space-padded ASCII bytes -> trimmed str objects, decoding each distinct value once."""
    if len(a) == 0:
        return np.empty(0, object)
    uniq, inv = np.unique(a, return_inverse=True)
    text = np.array([u.decode("ascii", "replace").rstrip(" ") for u in uniq], dtype=object)
    return text[inv]


class Journal(Records):
    """A journal directory, read up to the end of what is written.

    ``Journal(path)`` walks every cycle file once; ``refresh()`` (or ``poll()``) reads what was
    appended since, so a journal still being written can be followed. counts(), messages(type),
    to_pandas(type) cover every record read so far.

    verify_checksums: check each record's CRC32C (as the replay does); records that fail are
    left out and counted in stats()["checksum_failures"].

    index: use the index by stock locate (index.py) of a cycle file when there is one and it is
    fresh: the part of the file it covers is not walked at open, and messages(t, symbols=...),
    iter_batches(..., symbols=...) and book() read only the symbols' records from it. index_dir:
    where the index files are (default: JOURNAL/.tickjournal-index).
    """

    @property
    def _journal(self):
        return self

    def __init__(self, path, verify_checksums=True, index=True, index_dir=None):
        self.path = os.fspath(path)
        self.verify_checksums = verify_checksums
        self.use_index = index
        self.index_dir = index_dir
        self._files = []  # CycleFile, in cycle order
        self._symbols = None
        self._symbols_n = -1
        self._budget = Budget()  # of records whose walk arrays are kept (see chunks.py)
        Records.__init__(self, self, [])
        _cycle_files(self.path)  # a clear error for a missing directory or a foreign file name
        self.refresh()

    def poll(self):
        """Reads what was appended since the last read; returns only those records (a Records)."""
        new = self._read_new()
        self._segments = self._segments + new
        self._cache = {}
        return Records(self, new)

    def refresh(self):
        """Reads what was appended since the last read; returns how many records were added."""
        return len(self.poll())

    @property
    def cycle_files(self):
        return [cf.path for cf in self._files]

    def incomplete_tail(self):
        """(file, offset) of a document still being written at the end of the journal, else None."""
        if not self._files:
            return None
        cf = self._files[-1]
        h = cf.header_at(cf.position)
        return (cf.path, cf.position) if h & 0x80000000 and h != 0xC0000000 else None

    def require_complete(self):
        """Raises JournalError naming the file and offset if the journal ends in an incomplete document."""
        tail = self.incomplete_tail()
        if tail:
            raise JournalError(f"{tail[0]}: offset {tail[1]}: incomplete document at the end of the journal "
                               "(its writer is still writing it, or died while writing it)")

    def _sync_files(self):
        known = {cf.path for cf in self._files}
        for cycle, path in _cycle_files(self.path):
            if path not in known:
                if self._files and cycle < self._files[-1].cycle:
                    raise JournalError(f"{path}: offset 0: cycle file older than one already read")
                self._files.append(CycleFile(path, cycle))

    def _read_new(self):
        self._sync_files()
        segments = []
        i = self._current_file()
        while i < len(self._files):
            cf = self._files[i]
            segments += self._walk(cf)
            state = self._state
            if state == "eoc":
                cf.ended = True
            elif state == "end" and i + 1 < len(self._files):
                # a newer cycle exists: this one was abandoned by its writer (no end marker);
                # look once more for a record written just before the newer file appeared
                segments += self._walk(cf)
                if self._state != "incomplete":
                    cf.ended = True
            if not cf.ended:
                break
            i += 1
        return segments

    def _walk(self, cf):
        segments = []
        fresh = cf.position == 0 and cf.records == 0
        if self.use_index and fresh and (cf.checked_header or cf.check_first_document()):
            from . import index
            idx = index.load(cf, self.index_dir)
            if idx is not None and idx.chunks:
                segments.append(_Segment(cf, idx.chunks, 0, idx))
                cf.position, cf.records = idx.end, idx.records  # the rest (written since) is walked
        first = cf.records
        chunks, self._state = walk_chunks(cf, self._budget)
        return segments + ([_Segment(cf, chunks, first)] if chunks else [])

    def build_index(self):
        """Builds (or rebuilds) the index by stock locate of every cycle file of the journal, in
        index_dir (see index.py); used by Journals opened after it. Returns what index.build does."""
        from . import index
        return index.build(self.path, self.index_dir)

    def _current_file(self):
        for i, cf in enumerate(self._files):
            if not cf.ended:
                return i
        return len(self._files)

    def symbol_table(self):
        """numpy array of 65536 trimmed symbols (bytes), indexed by stock locate (from R messages)."""
        n = len(self)
        if self._symbols is None or self._symbols_n != n:
            table = np.zeros(65536, dtype="S8")
            r = Records(self, self._segments).messages("R")
            table[r["locate"]] = r["symbol"]  # the last directory message of a locate wins
            self._symbols = table
            self._symbols_n = n
        return self._symbols

    @staticmethod
    def bars(state_dir):
        """The bars of a state directory (STATE/bars) as a DataFrame with the columns of `bars --format csv`.

        vwap is notional / volume / 10^4 as a float (the CSV prints it with six decimals).
        """
        import pandas as pd
        arr = read_bars(state_dir)
        df = pd.DataFrame({
            "symbol": _alpha_to_str(arr["stock"]),
            "window_start_ns": arr["window_start_ns"], "trades": arr["trades"], "volume": arr["volume"],
            "notional": arr["notional"],
        })
        with np.errstate(divide="ignore", invalid="ignore"):
            df["vwap"] = np.where(arr["volume"] > 0, arr["notional"] / arr["volume"] / 1e4, np.nan)
        for c in ("open", "high", "low", "close"):
            df[c] = arr[c]
        return df


BAR_DTYPE = np.dtype([("window_start_ns", "<i8"), ("locate", "<u4"), ("reserved", "<u4"), ("stock", "S8"),
                      ("trades", "<i8"), ("volume", "<i8"), ("notional", "<i8"), ("open", "<i8"),
                      ("high", "<i8"), ("low", "<i8"), ("close", "<i8")])
assert BAR_DTYPE.itemsize == 80


def state_warning(state_dir):
    """"incomplete state (replay stopped at index N)" and its variants, as `vwap`/`bars` print them, or None.

    A replay writes STATE/state.properties with complete=false first and complete=true at its end; a capture's
    live state has no `complete` key.
    """
    meta = os.path.join(os.fspath(state_dir), "state.properties")
    if not os.path.exists(meta):
        return ("incomplete state (no state.properties: a replay or capture is writing it, "
                "or stopped before it was written)")
    props = {}
    with open(meta, encoding="utf-8", errors="replace") as f:
        for line in f:
            key, sep, value = line.partition("=")
            if sep:
                props[key.strip()] = value.strip()
    if props.get("complete") != "false":
        return None
    at = props.get("stopped_at_index", "")
    if at in ("", "-1"):
        return "incomplete state (replay stopped before its end: still running, or killed)"
    return f"incomplete state (replay stopped at index {at})"


# A bars excerpt of format version 2 (BarBlockLayout): a 16-byte header ("TJBW", version 2, record
# length 80, count) and `count` 80-byte bars; version 1 excerpts are one bare 80-byte bar.
_BAR_BLOCK_MAGIC = b"TJBW"
_BAR_BLOCK_HEADER = 16
_BAR_BLOCK_MAX = 1024


def _bar_starts(cf, path, o, n):
    """The offsets of the bars in the bars excerpt of `n` bytes at offset `o`."""
    if n == BAR_DTYPE.itemsize:
        return [o]
    head = bytes(cf.u8[o:o + _BAR_BLOCK_HEADER]) if n >= _BAR_BLOCK_HEADER else b""
    count = int.from_bytes(head[8:12], "little") if head else 0
    if (head[:4] != _BAR_BLOCK_MAGIC or head[4:6] != b"\x02\x00" or head[6:8] != b"\x50\x00"
            or not 0 < count <= _BAR_BLOCK_MAX or n != _BAR_BLOCK_HEADER + 80 * count):
        raise JournalError(f"{path}: offset {o - 4}: bars excerpt of {n} bytes is not a bar block of format "
                           f"version 2 or a version-1 bar (written by a newer tickjournal, or damaged)")
    first = o + _BAR_BLOCK_HEADER
    return range(first, first + 80 * count, 80)


def read_bars(state_dir):
    """The 80-byte bar records of STATE/bars as a numpy structured array (BAR_DTYPE), in stream order.

    Reads both bars formats: a block of bars per excerpt (version 2) and one bar per excerpt (version 1).
    """
    bars_dir = os.path.join(os.fspath(state_dir), "bars")
    if not os.path.isdir(os.fspath(state_dir)):
        raise JournalError(f"{state_dir}: no such state directory")
    incomplete = state_warning(state_dir)
    if incomplete:
        sys.stderr.write(f"tickjournal: warning: {state_dir}: {incomplete}\n")
    if not os.path.isdir(bars_dir):
        return np.empty(0, BAR_DTYPE)
    parts = []
    for cycle, path in _cycle_files(bars_dir):
        cf = CycleFile(path, cycle)
        offsets, lengths, _state = walk_documents(cf)
        starts = []
        for o, n in zip(offsets, lengths):
            starts.extend(_bar_starts(cf, path, o, n))
        if starts:
            idx = np.asarray(starts, np.int64)
            raw = cf.u8[idx[:, None] + np.arange(80)]
            parts.append(raw.copy().view(BAR_DTYPE).reshape(-1))
    return np.concatenate(parts) if parts else np.empty(0, BAR_DTYPE)
