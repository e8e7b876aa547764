"""Filtered reads: the messages of some symbols and/or an ITCH time range, read record by record
from the mapping instead of decoding the whole journal (journal.Records.messages with filters,
Records.iter_batches).

A segment's walk already holds every record's offset and type byte. For the records of the type
asked for, the filters read two bytes (the stock locate) and six (the timestamp) per record
straight from the mapping; only the records that pass are gathered into the result array, their
CRC32C checked and their computed columns set. Symbols are resolved to stock locates through the
stock directory (R) messages, read the same way (the last R of a locate wins, as in messages()).
So memory is the result plus a few bytes per record of the type (the selection), not the
87 bytes per message of a whole decode.
"""

import re

import numpy as np

from . import itch
from .framing import RECORD_HEADER
from .journal import _SPEC_LENGTH, _crc_good, _out_dtype, set_computed_columns

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$")
_DAY_NS = 86_400 * 10**9
_LOCATE_AT = RECORD_HEADER + 1  # stock locate: bytes 1..2 of the ITCH message, big-endian
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
    decoding any other type (the last R of a locate wins)."""
    cached = getattr(records, "_query_symbols", None)
    if cached is not None and cached[0] == len(records._segments):
        return cached[1]
    table = np.zeros(65536, "S8")
    for seg in records._segments:
        sel = np.flatnonzero(seg.good_types() == ord("R"))
        if len(sel):
            r, ok = _gather(seg, "R", sel, records._journal.verify_checksums)
            r = r[ok] if ok is not None else r
            table[r["locate"]] = np.char.rstrip(r["stock"], b" ")
    records._query_symbols = (len(records._segments), table)  # segments are only ever appended
    return table


def _locates(table, symbols):
    """The stock locates whose directory symbol is one of `symbols` (a bool mask over 65536)."""
    wanted = np.zeros(65536, bool)
    wanted[np.flatnonzero(np.isin(table, _symbol_bytes(symbols)))] = True
    return wanted


def _selection(seg, code, wanted, start, end):
    """Positions in `seg` of its good records of type byte `code` that pass the filters."""
    out = []
    good = seg.good_types()
    for lo in range(0, len(seg), _SELECT_STEP):
        sel = lo + np.flatnonzero(good[lo:lo + _SELECT_STEP] == code)
        if len(sel) and wanted is not None:
            sel = sel[wanted[seg.views(">u2")[seg.offsets[sel] + _LOCATE_AT]]]
        if len(sel) and (start is not None or end is not None):
            ts = seg.views(">u8")[seg.offsets[sel] + _TIMESTAMP_AT] & np.uint64(0xFFFFFFFFFFFF)
            keep = np.ones(len(sel), bool)
            if start is not None:
                keep &= ts >= np.uint64(start)
            if end is not None:
                keep &= ts < np.uint64(end)
            sel = sel[keep]
        out.append(sel)
    return np.concatenate(out) if out else np.empty(0, np.int64)


def _gather(seg, mtype, sel, verify):
    """(array, ok): the records of `seg` at positions `sel` (all good messages of `mtype`) in the
    dtype of messages(mtype), record bytes and index set (not the other computed columns), and
    their CRC32C check (None when not verifying)."""
    dt, width = _out_dtype(mtype)
    length = RECORD_HEADER + int(_SPEC_LENGTH[ord(mtype)])
    out = np.empty(len(sel), dt)
    if not len(sel):
        return out, (np.empty(0, bool) if verify else None)
    # dt.itemsize bytes per record in one gather where they lie within the file; the bytes past the
    # record land where the computed columns go (set later); the last records from their own bytes
    room = int(np.searchsorted(seg.offsets[sel], seg.cf.size - dt.itemsize, "right"))
    out[:room].view(f"V{dt.itemsize}")[:] = seg.views(f"V{dt.itemsize}")[seg.offsets[sel[:room]]]
    if room < len(sel):
        flat = out.view(np.uint8).reshape(len(out), -1)
        flat[room:, :width] = seg.rows(sel[room:], length)
    out["index"] = seg.first_index + sel
    ok = _crc_good(seg.crc_rows(sel, length), length, ord(mtype)) if verify else None
    return out, ok


def _prepare(records, mtype, symbols, start, end):
    if mtype not in itch.MESSAGES:
        raise KeyError(f"unknown ITCH 5.0 message type {mtype!r}")
    start, end = parse_time(start), parse_time(end)
    table = symbol_table(records)
    wanted = None if symbols is None else _locates(table, symbols)
    return start, end, table, wanted


def _finish(records, mtype, sel, seg, table):
    arr, ok = _gather(seg, mtype, sel, records._journal.verify_checksums)
    if ok is not None and not ok.all():
        arr = arr[ok]
    set_computed_columns(arr, mtype, None if mtype == "R" else table)
    return arr


def select(records, mtype, symbols=None, start=None, end=None):
    """messages(mtype) of `symbols` (None: all) with start <= timestamp < end, reading only those
    records; the same columns and order as messages(mtype)."""
    start, end, table, wanted = _prepare(records, mtype, symbols, start, end)
    code = ord(mtype)
    parts = [_finish(records, mtype, _selection(seg, code, wanted, start, end), seg, table)
             for seg in records._segments if seg.counts()[code]]
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
    of a cycle file, and where records fail their checksum)."""
    if rows < 1:
        raise ValueError(f"rows must be at least 1, got {rows}")
    start, end, table, wanted = _prepare(records, mtype, symbols, start, end)
    code = ord(mtype)
    for seg in records._segments:
        if not seg.counts()[code]:
            continue
        sel = _selection(seg, code, wanted, start, end)
        for lo in range(0, len(sel), rows):
            yield _finish(records, mtype, sel[lo:lo + rows], seg, table)

