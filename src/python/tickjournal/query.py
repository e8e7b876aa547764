"""Filtered reads: the messages of some symbols and/or an ITCH time range, read record by record
from the mapping instead of decoding the whole journal (journal.Records.messages with filters,
Records.iter_batches).

The journal is taken a chunk of a cycle file at a time (chunks.py: the chunk's walk arrays, kept
or walked again). For the records of the types asked for, the filters read two bytes (the stock
locate) and six (the timestamp) per record straight from the mapping; only the offsets and
journal indexes of the records that pass are kept from a chunk, and only those records are
gathered into the result array, their CRC32C checked and their computed columns set. Symbols are
resolved to stock locates through the stock directory (R) messages, read the same way from the
chunks that hold any (the last R of a locate wins, as in messages()). So memory is the result,
its selection (16 bytes a message) and one chunk, not the 87 bytes per message of a whole decode
nor the 15 bytes per record of a whole walk.
"""

import re

import numpy as np

from . import itch
from .framing import LOCATE_AT as _LOCATE_AT, RECORD_HEADER
from .chunks import SPEC_LENGTH as _SPEC_LENGTH
from .journal import _crc_good, _out_dtype, set_computed_columns

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$")
_DAY_NS = 86_400 * 10**9
_TIMESTAMP_AT = RECORD_HEADER + 3  # the u64 whose low 6 bytes are the timestamp (bytes 5..10)
_SELECT_STEP = 1 << 20  # records screened at once (a few MB of temporaries)


def parse_time(t):
    """ITCH time in ns since midnight from an int (ns) or "HH:MM[:SS[.fff]]"; None stays None."""
    if t is None:
        return None
    if isinstance(t, (int, np.integer)):
        if not 0 <= int(t) <= _DAY_NS:
            raise ValueError(f"ITCH time {t} ns is not within a day (0 .. 86400e9)")
        return int(t)
    m = _TIME.match(str(t).strip())
    if not m:
        raise ValueError(f"not an ITCH time: {t!r} (ns since midnight, or \"HH:MM[:SS.fff]\")")
    h, mi, sec, frac = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0), m.group(4) or ""
    if h > 24 or mi > 59 or sec > 59:
        raise ValueError(f"not an ITCH time: {t!r}")
    return ((h * 60 + mi) * 60 + sec) * 10**9 + int(frac.ljust(9, "0"))


def _symbol_bytes(symbols):
    if isinstance(symbols, (str, bytes)):
        symbols = [symbols]
    return [s.encode("ascii") if isinstance(s, str) else bytes(s) for s in symbols]


def symbol_table(records):
    """Trimmed symbols (S8) by stock locate from the R messages of `records`, read without
    decoding any other type (the last R of a locate wins); only the chunks holding R messages
    are looked at."""
    cached = getattr(records, "_query_symbols", None)
    if cached is not None and cached[0] == len(records._segments):
        return cached[1]
    table = np.zeros(65536, "S8")
    code = ord("R")
    for seg in records._segments:
        for chunk in seg.chunks:
            if chunk.counts[code]:
                offsets, _l, _k, _t, good = chunk.arrays()
                sel = np.flatnonzero(good == code)
                r, ok = _gather(seg, "R", offsets[sel], seg.first_index + chunk.start + sel,
                                records._journal.verify_checksums)
                r = r[ok] if ok is not None else r
                table[r["locate"]] = np.char.rstrip(r["stock"], b" ")
    records._query_symbols = (len(records._segments), table)  # segments are only ever appended
    return table


def _locates(table, symbols):
    """The stock locates whose directory symbol is one of `symbols` (a bool mask over 65536)."""
    wanted = np.zeros(65536, bool)
    wanted[np.flatnonzero(np.isin(table, _symbol_bytes(symbols)))] = True
    return wanted


def _in_time(seg, offs, start, end):
    """Whether start <= timestamp < end (either None: no bound) of each record at `offs`, from the
    6 timestamp bytes of each read straight from the mapping."""
    ts = seg.views(">u8")[offs + _TIMESTAMP_AT] & np.uint64(0xFFFFFFFFFFFF)
    keep = np.ones(len(offs), bool)
    if start is not None:
        keep &= ts >= np.uint64(start)
    if end is not None:
        keep &= ts < np.uint64(end)
    return keep


def _select_chunk(seg, chunk, codes, wanted, start, end):
    """{type byte: (content offsets, journal indexes)} of the good records of `chunk` whose type
    is one of `codes` and that pass the filters: read from the chunk's walk arrays (walked again
    if not kept) and 2 (locate) and 6 (timestamp) bytes of each record from the mapping, a
    _SELECT_STEP of records at a time; nothing of the chunk kept but what is selected."""
    offsets, _l, _k, _t, good = chunk.arrays()
    first = seg.first_index + chunk.start
    asked = np.zeros(256, bool)  # by type byte (a lookup: np.isin sorts)
    asked[codes] = True
    found = {code: [] for code in codes}
    for lo in range(0, chunk.n, _SELECT_STEP):
        g = good[lo:lo + _SELECT_STEP]
        sel = np.flatnonzero(g == codes[0] if len(codes) == 1 else asked[g])
        offs = offsets[lo:lo + _SELECT_STEP][sel]
        if len(sel) and wanted is not None:
            keep = wanted[seg.views(">u2")[offs + _LOCATE_AT]]
            sel, offs = sel[keep], offs[keep]
        if len(sel) and (start is not None or end is not None):
            keep = _in_time(seg, offs, start, end)
            sel, offs = sel[keep], offs[keep]
        if len(codes) == 1:
            found[codes[0]].append((offs, first + lo + sel))
            continue
        by = g[sel]
        for code in codes:
            k = np.flatnonzero(by == code)
            if len(k):
                found[code].append((offs[k], first + lo + sel[k]))
    return {code: _joined(parts) for code, parts in found.items()}


def _select_at(seg, i, chunk, codes, wanted, start, end):
    """_select_chunk of chunk i of `seg`, from the segment's index (index.py) when it has one and
    symbols are asked for: only the symbols' records are read, not the chunk's walk arrays."""
    if wanted is not None and seg.index is not None:
        got = seg.index.select(i, np.flatnonzero(wanted))
        if got is not None:  # (None: the chunk's entries failed a check; walked instead)
            return _select_indexed(seg, chunk, got, codes, start, end)
    return _select_chunk(seg, chunk, codes, wanted, start, end)


def _select_indexed(seg, chunk, got, codes, start, end):
    """_select_chunk's result from an index selection (content offsets, record numbers within
    the chunk and type bytes of the wanted locates' good messages, in journal order)."""
    offs, recs, types = got
    if len(offs) and (start is not None or end is not None):
        keep = _in_time(seg, offs, start, end)
        offs, recs, types = offs[keep], recs[keep], types[keep]
    first = seg.first_index + chunk.start
    out = {}
    for code in codes:
        k = np.flatnonzero(types == code)
        out[code] = (offs[k], first + recs[k])
    return out


def _joined(parts):
    """(offsets, indexes) pieces joined in order."""
    if not parts:
        e = np.empty(0, np.int64)
        return e, e
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _selections(records, mtype, symbols, wanted, start, end):
    """Per segment, (offsets, indexes) of its records of type `mtype` that pass the filters.

    With `symbols`, every type's selection of those symbols is made in the same pass over the
    journal and kept (the offsets and indexes of the symbols' records: 16 bytes a message, a
    fraction of their messages' size), so that reading one symbol type by type walks the journal
    once, not once per type; the last such filter is kept per journal."""
    code = ord(mtype)
    if symbols is None:
        return [_joined([_select_chunk(seg, c, [code], None, start, end)[code] for c in seg.chunks
                         if c.counts[code]]) for seg in records._segments]
    key = (tuple(sorted(set(_symbol_bytes(symbols)))), start, end, len(records._segments))
    cached = getattr(records, "_query_selection", None)
    if cached is None or cached[0] != key:
        codes = [ord(t) for t in itch.MESSAGES]
        per_seg = []
        for seg in records._segments:
            parts = {c: [] for c in codes}
            for i, chunk in enumerate(seg.chunks):
                present = [c for c in codes if chunk.counts[c]]
                if present:
                    for c, sel in _select_at(seg, i, chunk, present, wanted, start, end).items():
                        parts[c].append(sel)
            per_seg.append({c: _joined(p) for c, p in parts.items()})
        cached = records._query_selection = (key, per_seg)
    return [by_code[code] for by_code in cached[1]]


def _gather(seg, mtype, offs, idx, verify):
    """(array, ok): the records of `seg` at content offsets `offs` (ascending; all good messages
    of `mtype`) in the dtype of messages(mtype), record bytes and index (`idx`) set (not the other
    computed columns), and their CRC32C check (None when not verifying)."""
    dt, width = _out_dtype(mtype)
    length = RECORD_HEADER + int(_SPEC_LENGTH[ord(mtype)])
    out = np.empty(len(offs), dt)
    if not len(offs):
        return out, (np.empty(0, bool) if verify else None)
    # dt.itemsize bytes per record in one gather where they lie within the file; the bytes past the
    # record land where the computed columns go (set later); the last records from their own bytes
    room = int(np.searchsorted(offs, seg.cf.size - dt.itemsize, "right"))
    out[:room].view(f"V{dt.itemsize}")[:] = seg.views(f"V{dt.itemsize}")[offs[:room]]
    if room < len(offs):
        flat = out.view(np.uint8).reshape(len(out), -1)
        flat[room:, :width] = seg.rows_at(offs[room:], length)
    out["index"] = idx
    ok = _crc_good(seg.crc_rows_at(offs, length), length, ord(mtype)) if verify else None
    return out, ok


def _prepare(records, mtype, symbols, start, end):
    if mtype not in itch.MESSAGES:
        raise KeyError(f"unknown ITCH 5.0 message type {mtype!r}")
    start, end = parse_time(start), parse_time(end)
    table = symbol_table(records)
    wanted = None if symbols is None else _locates(table, symbols)
    return start, end, table, wanted


def _finish(records, mtype, seg, offs, idx, table):
    arr, ok = _gather(seg, mtype, offs, idx, records._journal.verify_checksums)
    # the computed columns first: they are read from the record bytes around the named fields,
    # which arr[ok] does not copy (found by test_index.py: every timestamp of a read with a
    # checksum failure was garbage)
    set_computed_columns(arr, mtype, None if mtype == "R" else table)
    if ok is not None and not ok.all():
        arr = arr[ok]
    return arr


def select(records, mtype, symbols=None, start=None, end=None):
    """messages(mtype) of `symbols` (None: all) with start <= timestamp < end, reading only those
    records; the same columns and order as messages(mtype)."""
    start, end, table, wanted = _prepare(records, mtype, symbols, start, end)
    sels = _selections(records, mtype, symbols, wanted, start, end)
    parts = [_finish(records, mtype, seg, offs, idx, table)
             for seg, (offs, idx) in zip(records._segments, sels) if len(offs)]
    if not parts:
        return np.empty(0, _out_dtype(mtype)[0])
    return parts[0] if len(parts) == 1 else _join(parts)


def _join(parts):
    """Structured arrays of one dtype joined whole (np.concatenate would keep only named fields)."""
    dt = parts[0].dtype
    out = np.empty(sum(len(p) for p in parts), dt)
    at, whole = 0, f"V{dt.itemsize}"
    for p in parts:
        out[at:at + len(p)].view(whole)[:] = p.view(whole)
        at += len(p)
    return out


def iter_batches(records, mtype, rows, symbols=None, start=None, end=None):
    """Yields select(...)'s messages in journal order, at most `rows` at a time (fewer at the end
    of a walk of a cycle file, and where records fail their checksum). The journal is walked a
    chunk at a time and only the selected records of a chunk are kept until they are yielded, so
    memory is a batch and a chunk, whatever the size of the journal."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    start, end, table, wanted = _prepare(records, mtype, symbols, start, end)
    code = ord(mtype)
    for seg in records._segments:
        pending, have = [], 0
        for i, chunk in enumerate(seg.chunks):
            if not chunk.counts[code]:
                continue
            offs, idx = _select_at(seg, i, chunk, [code], wanted, start, end)[code]
            pending.append((offs, idx))
            have += len(offs)
            if have >= rows:
                offs, idx = _joined(pending)
                full = len(offs) - len(offs) % rows
                for lo in range(0, full, rows):
                    yield _finish(records, mtype, seg, offs[lo:lo + rows], idx[lo:lo + rows], table)
                pending, have = [(offs[full:], idx[full:])], len(offs) - full
        if have:
            offs, idx = _joined(pending)
            for lo in range(0, len(offs), rows):
                yield _finish(records, mtype, seg, offs[lo:lo + rows], idx[lo:lo + rows], table)
