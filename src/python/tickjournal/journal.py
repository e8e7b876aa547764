"""Read a tickjournal journal directory into numpy structured arrays (and pandas DataFrames).

Written from docs/journal-format.md alone. Cycle files are memory-mapped, never copied; decoded
fields are gathered straight from the mapping, one numpy operation per field and message type.
"""

import datetime
import os
import re

import numpy as np

from . import itch
from .crc32c import crc32c_many
from .framing import CycleFile, JournalError, walk, walk_documents, RECORD_HEADER

CYCLE_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})F\.cq4$")
EPOCH = datetime.date(1970, 1, 1)

KIND_MESSAGE, KIND_GAP, KIND_SESSION_START, KIND_SESSION_END = (ord(c) for c in "MGSE")

# record header (little-endian), offsets from the start of the record
CRC_OFFSET, KIND_OFFSET, VERSION_OFFSET, LENGTH_OFFSET = 0, 4, 5, 6
RECEIVE_TIME_OFFSET, SEQUENCE_OFFSET, SOURCE_ID_OFFSET = 8, 16, 24

_INT_TYPES = {1: np.uint8, 2: ">u2", 4: ">u4", 8: ">u8"}
_OUT_INT = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def _cycle_files(path):
    """(cycle number, file path) of the .cq4 files of a queue directory, in cycle order."""
    if not os.path.isdir(path):
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


class _Views:
    """Stride-1 typed views of one mapping: element i is the value whose first byte is at offset i."""

    def __init__(self, cf):
        self.cf = cf
        self.size = -1
        self.cache = {}

    def __call__(self, dtype):
        cf = self.cf
        if cf.size != self.size:
            self.cache.clear()
            self.size = cf.size
        v = self.cache.get(dtype)
        if v is None:
            dt = np.dtype(dtype)
            v = np.ndarray((cf.size - dt.itemsize + 1,), dt, buffer=cf._mm, strides=(1,))
            self.cache[dtype] = v
        return v


class _Segment:
    """Records read from one cycle file in one walk: content offsets and what every reader needs."""

    def __init__(self, cf, views, offsets, first):
        self.cf = cf
        self.views = views
        self.offsets = offsets
        # journal index: (cycle << 32) | n-th data document of the cycle
        self.first_index = (cf.cycle << 32) + first
        u8 = cf.u8
        n = len(offsets)
        doc_len = (cf.u32[(offsets - 4) >> 2] & 0x3FFFFFFF).astype(np.int64)
        good = doc_len >= RECORD_HEADER
        if good.all():
            kind = u8[offsets + KIND_OFFSET]
            version = u8[offsets + VERSION_OFFSET]
            plen = views("<u2")[offsets + LENGTH_OFFSET].astype(np.int64)
        else:
            kind = np.zeros(n, np.uint8)
            version = np.zeros(n, np.uint8)
            plen = np.zeros(n, np.int64)
            o = offsets[good]
            kind[good] = u8[o + KIND_OFFSET]
            version[good] = u8[o + VERSION_OFFSET]
            plen[good] = views("<u2")[o + LENGTH_OFFSET]
        good &= (version == 1) & (doc_len == RECORD_HEADER + plen)
        good &= (kind == KIND_MESSAGE) | (kind == KIND_GAP) | (kind == KIND_SESSION_START) | (kind == KIND_SESSION_END)
        self.good = good
        self.kind = np.where(good, kind, 0).astype(np.uint8)
        self.plen = plen
        msg = self.kind == KIND_MESSAGE
        mtype = np.zeros(n, np.uint8)
        has_type = msg & (plen > 0)
        mtype[has_type] = u8[offsets[has_type] + RECORD_HEADER]
        self.mtype = mtype
        self.crc_ok = None

    def __len__(self):
        return len(self.offsets)

    def verify(self):
        """CRC32C of every well-formed record (grouped by length, vectorised): bool array."""
        if self.crc_ok is None:
            ok = np.zeros(len(self.offsets), bool)
            words = self.views("<u4")
            stored = words[self.offsets[self.good] + CRC_OFFSET] if self.good.any() else None
            idx = np.flatnonzero(self.good)
            if len(idx):
                lens = self.plen[idx]
                for length in np.unique(lens):
                    sel = idx[lens == length]
                    starts = self.offsets[sel] + 4
                    crc = crc32c_many(self.cf.u8, words, starts, RECORD_HEADER - 4 + int(length))
                    ok[sel] = crc == words[self.offsets[sel] + CRC_OFFSET]
            del stored
            self.crc_ok = ok
        return self.crc_ok


class Records:
    """A set of journal records read in one or more walks: counts and per-type decoded arrays."""

    def __init__(self, journal, segments):
        self._journal = journal
        self._segments = segments
        self._cache = {}

    def __len__(self):
        return sum(len(s) for s in self._segments)

    def _usable(self, seg):
        ok = seg.good
        if self._journal.verify_checksums:
            ok = ok & seg.verify()
        return ok

    def counts(self):
        """{ITCH message type letter: number of messages} (well-formed records whose checksum holds)."""
        total = np.zeros(256, np.int64)
        for seg in self._segments:
            sel = self._usable(seg) & (seg.kind == KIND_MESSAGE)
            total += np.bincount(seg.mtype[sel], minlength=256)
        return {chr(t): int(c) for t, c in enumerate(total) if c}

    def stats(self):
        """Record counts by kind, plus malformed and checksum failures."""
        out = {"records": 0, "messages": 0, "gaps": 0, "session_starts": 0, "session_ends": 0,
               "malformed": 0, "checksum_failures": 0, "bad_length_messages": 0}
        for seg in self._segments:
            out["records"] += len(seg)
            out["malformed"] += int((~seg.good).sum())
            ok = seg.good
            if self._journal.verify_checksums:
                crc = seg.verify()
                out["checksum_failures"] += int((seg.good & ~crc).sum())
                ok = ok & crc
            k = seg.kind[ok]
            out["messages"] += int((k == KIND_MESSAGE).sum())
            out["gaps"] += int((k == KIND_GAP).sum())
            out["session_starts"] += int((k == KIND_SESSION_START).sum())
            out["session_ends"] += int((k == KIND_SESSION_END).sum())
            lengths = np.array(itch.LENGTHS)[seg.mtype[ok & (seg.kind == KIND_MESSAGE)]]
            out["bad_length_messages"] += int((lengths != seg.plen[ok & (seg.kind == KIND_MESSAGE)]).sum())
        return out

    @staticmethod
    def dtype(mtype):
        """The numpy dtype of messages(mtype)."""
        if mtype not in itch.MESSAGES:
            raise KeyError(f"unknown ITCH 5.0 message type {mtype!r}")
        fields = [("index", np.int64), ("receive_time_ns", np.int64), ("sequence", np.int64),
                  ("source_id", np.uint32), ("locate", np.uint16), ("tracking", np.uint16),
                  ("timestamp", np.int64), ("symbol", "U8")]
        for name, _off, size, kind in itch.MESSAGES[mtype][2]:
            if kind == "a":
                fields.append((name, f"S{size}"))
            elif kind in itch.PRICE_SCALE:
                fields.append((name, _OUT_INT[size]))
                fields.append((name + "_float", np.float64))
            else:
                fields.append((name, _OUT_INT[size]))
        return np.dtype(fields)

    def messages(self, mtype):
        """Messages of one ITCH type (e.g. "E") as a numpy structured array, in journal order.

        Columns: index (journal index), receive_time_ns, sequence, source_id, locate, tracking,
        timestamp (ns since midnight), symbol (from the stock directory, by locate; "" when none),
        then the fields of the type (itch.MESSAGES), prices as integers (4 implied decimals) and as
        floats (``<field>_float``). Alpha fields are bytes as on the wire (space padded). Messages
        whose length is not the spec length are left out (see stats()).
        """
        cached = self._cache.get(mtype)
        if cached is not None:
            return cached
        dt = self.dtype(mtype)
        name, length, fields = itch.MESSAGES[mtype]
        code = ord(mtype)
        parts = []
        for seg in self._segments:
            sel = np.flatnonzero(self._usable(seg) & (seg.mtype == code) & (seg.kind == KIND_MESSAGE)
                                 & (seg.plen == length))
            parts.append(self._decode(seg, sel, dt, fields))
        out = np.concatenate(parts) if parts else np.empty(0, dt)
        if mtype != "R":
            out["symbol"] = self._journal.symbol_table()[out["locate"]]
        else:
            out["symbol"] = np.char.rstrip(out["stock"].astype("U8"), " ")
        self._cache[mtype] = out
        return out

    @staticmethod
    def _decode(seg, sel, dt, fields):
        v = seg.views
        off = seg.offsets[sel]
        out = np.empty(len(sel), dt)
        out["index"] = seg.first_index + sel
        out["receive_time_ns"] = v("<i8")[off + RECEIVE_TIME_OFFSET]
        out["sequence"] = v("<i8")[off + SEQUENCE_OFFSET]
        out["source_id"] = v("<u4")[off + SOURCE_ID_OFFSET]
        m = off + RECORD_HEADER  # the ITCH message
        out["locate"] = v(">u2")[m + 1]
        out["tracking"] = v(">u2")[m + 3]
        # Timestamp(6): the low 6 bytes of the 8 bytes ending at the message's byte 10
        out["timestamp"] = (v(">u8")[m + 3] & np.uint64(0xFFFFFFFFFFFF)).astype(np.int64)
        for name, o, size, kind in fields:
            if kind == "a":
                out[name] = v(f"S{size}")[m + o]
            else:
                out[name] = v(_INT_TYPES[size])[m + o]
                if kind in itch.PRICE_SCALE:
                    out[name + "_float"] = out[name] / itch.PRICE_SCALE[kind]
        return out

    def to_pandas(self, mtype):
        """messages(mtype) as a pandas DataFrame, alpha fields as trimmed str."""
        import pandas as pd
        arr = self.messages(mtype)
        df = pd.DataFrame({n: arr[n] for n in arr.dtype.names})
        for n in arr.dtype.names:
            if arr.dtype[n].kind == "S":
                df[n] = _alpha_to_str(arr[n])
            elif arr.dtype[n].kind == "U":
                df[n] = arr[n].astype(object)
        return df

    def records(self):
        """Every record's header fields as one structured array (kind, sequence, receive time...)."""
        dt = np.dtype([("index", np.int64), ("kind", "S1"), ("type", "S1"), ("payload_length", np.int64),
                       ("receive_time_ns", np.int64), ("sequence", np.int64), ("source_id", np.uint32),
                       ("good", bool)])
        parts = []
        for seg in self._segments:
            out = np.zeros(len(seg), dt)
            out["index"] = seg.first_index + np.arange(len(seg))
            out["kind"] = seg.kind.view("S1")
            out["type"] = seg.mtype.view("S1")
            out["payload_length"] = seg.plen
            g = np.flatnonzero(seg.good)
            o = seg.offsets[g]
            out["receive_time_ns"][g] = seg.views("<i8")[o + RECEIVE_TIME_OFFSET]
            out["sequence"][g] = seg.views("<i8")[o + SEQUENCE_OFFSET]
            out["source_id"][g] = seg.views("<u4")[o + SOURCE_ID_OFFSET]
            out["good"] = self._usable(seg)
            parts.append(out)
        return np.concatenate(parts) if parts else np.empty(0, dt)


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
    """

    def __init__(self, path, verify_checksums=True):
        self.path = os.fspath(path)
        self.verify_checksums = verify_checksums
        self._files = []  # CycleFile, in cycle order
        self._symbols = None
        self._symbols_n = -1
        Records.__init__(self, self, [])
        if not os.path.isdir(self.path):
            raise JournalError(f"{self.path}: no such journal directory")
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
                self._files[-1].views = _Views(self._files[-1])

    def _read_new(self):
        self._sync_files()
        segments = []
        i = self._current_file()
        while i < len(self._files):
            cf = self._files[i]
            first = cf.records
            offsets, state = walk(cf)
            if len(offsets):
                cf.records += len(offsets)
                segments.append(_Segment(cf, cf.views, offsets, first))
            if state == "eoc":
                cf.ended = True
            elif state == "end" and i + 1 < len(self._files):
                # a newer cycle exists: this one was abandoned by its writer (no end marker);
                # look once more for a record written just before the newer file appeared
                offsets, state = walk(cf)
                if len(offsets):
                    segments.append(_Segment(cf, cf.views, offsets, cf.records))
                    cf.records += len(offsets)
                if state != "incomplete":
                    cf.ended = True
            if not cf.ended:
                break
            i += 1
        return segments

    def _current_file(self):
        for i, cf in enumerate(self._files):
            if not cf.ended:
                return i
        return len(self._files)

    def symbol_table(self):
        """numpy array of 65536 trimmed symbols, indexed by stock locate (from R messages)."""
        n = len(self)
        if self._symbols is None or self._symbols_n != n:
            table = np.full(65536, "", dtype="U8")
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


def read_bars(state_dir):
    """The 80-byte bar records of STATE/bars as a numpy structured array (BAR_DTYPE), in stream order."""
    bars_dir = os.path.join(os.fspath(state_dir), "bars")
    if not os.path.isdir(os.fspath(state_dir)):
        raise JournalError(f"{state_dir}: no such state directory")
    if not os.path.isdir(bars_dir):
        return np.empty(0, BAR_DTYPE)
    parts = []
    for cycle, path in _cycle_files(bars_dir):
        cf = CycleFile(path, cycle)
        offsets, lengths, _state = walk_documents(cf)
        for o, n in zip(offsets, lengths):
            if n != BAR_DTYPE.itemsize:
                raise JournalError(f"{path}: offset {o - 4}: bar document of {n} bytes, expected 80")
        if offsets:
            idx = np.asarray(offsets, np.int64)
            raw = cf.u8[idx[:, None] + np.arange(80)]
            parts.append(raw.copy().view(BAR_DTYPE).reshape(-1))
    return np.concatenate(parts) if parts else np.empty(0, BAR_DTYPE)
