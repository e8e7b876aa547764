"""An index of a journal's records by stock locate, so that one symbol's messages are read without
screening every record of the day (issue 18 point 2).

Without it, ``messages(t, symbols=[...])`` walks every cycle file at open and reads the type and
the locate of every record: 110.7 s of CPU for one symbol of a 368 M-message day. With it, the
open reads the chunk table (no walk of the part the index covers) and a symbol is the gathers
of its own records.

Built once per journal, one sidecar file per cycle file, by

    PYTHONPATH=src/python /usr/bin/python3 -m tickjournal.index JOURNAL [--index-dir DIR]

(or ``Journal(path).build_index()``), in one walk of each cycle file, a chunk (chunks.CHUNK_BYTES
of the file) at a time: each chunk's good messages (chunks.good_types: a known type of its spec
length) sorted by locate, stably (so each locate's records stay in journal order). It is written
to a temporary file and renamed over the old one, so a reader sees the old index or the new one,
never a part.

Where: ``JOURNAL/.tickjournal-index/yyyyMMddF.tjidx`` (a directory the Java tools ignore: they
list ``*.cq4`` only); ``index_dir=DIR`` (``--index-dir DIR``) puts or finds it elsewhere, e.g.
when the journal directory is read-only.

Used by Journal(path) when present and fresh (index=True, the default): it records the cycle
file's name, the written end it covers (the walk's position: a document boundary) and a CRC32 of
the first and last 16 data documents before that end (complete documents are never rewritten;
Chronicle's metadata documents are, so they are left out). The chunks before the covered end
come from the index (their walk arrays are made again by a walk of the chunk only when a whole
type is decoded); the part written since is walked as before. An index whose samples do not
match the file (a different or rewritten journal), or whose header or chunk table is damaged or
cut short, is ignored with one warning on stderr and the file is walked. The entries of a
chunk are checked when used (their group's CRC32, ranges, and each record's header word, kind,
type and locate in the cycle file); a chunk whose entries fail is read by a walk instead, with a
warning. verify_checksums=True checks every returned record's own CRC32C as before.

Layout (little-endian; offsets in bytes from the start of the index file)::

    0    +--------------------------------------------------------------+
         | header (96 bytes)                                            |
         |   0 magic "TJIX"        4 version u32 = 1                    |
         |   8 cycle file name, 16 bytes ASCII, NUL-padded              |
         |  24 covered end u64 (byte offset in the cycle file)          |
         |  32 records u64 (data documents before the covered end)      |
         |  40 chunks u32          44 samples u32 (at most 32)          |
         |  48 samples' CRC32 u32  52 table CRC32 u32                   |
         |  56 table offset u64    64 index file length u64             |
         |  72 reserved (16)       88 header CRC32 u32 (of bytes 0..87) |
    96   +--------------------------------------------------------------+
         | per chunk, in file order (8-byte aligned):                   |
         |   entries: (rec u32, off u32) x E, sorted by (locate, rec):  |
         |     rec = record number within the chunk,                    |
         |     off = content offset in the cycle file - the chunk's pos0|
         |   groups: locate u16 x G (ascending, padded to 4 bytes),     |
         |           first u32 x (G + 1) (entry numbers: group g is     |
         |           entries[first[g]:first[g + 1]]),                   |
         |           crc u32 x G (CRC32 of group g's entry bytes)       |
    T    +--------------------------------------------------------------+
         | chunk table: per chunk (1,088 bytes, TABLE_DTYPE)            |
         |   pos0, pos1 u64 (the chunk's byte range in the cycle file), |
         |   start u64 (its first record's number in the cycle file),   |
         |   n u64 (its records), entries_at, groups_at u64, entries,   |
         |   groups u32, groups_crc u32 (CRC32 of the chunk's groups),  |
         |   pad u32, counts u32 x 256 (good messages by type byte)     |
         | samples: (offset u64, length u32, pad u32) x S               |
         +--------------------------------------------------------------+

Size: 8 bytes per message, plus about 10 bytes per (chunk, locate) and 1 KB per chunk: for the
368 M-record day about 3 GB (14 % of its 21 GB journal). 8 bytes, not 4: the journal index of
a returned row (record number) is needed as well as the record's place, and a 21 GB cycle file's
offsets do not fit 32 bits; a chunk-relative offset and record number do.

Not thread-safe: one Journal's index is used by its own thread.
"""

import argparse
import mmap
import os
import sys
import tempfile
import zlib

import numpy as np

from . import chunks
from .chunks import SPEC_LENGTH, Chunk, good_types
from .framing import KIND_VERSION, LOCATE_AT, CycleFile, JournalError, RECORD_HEADER, walk

MAGIC = b"TJIX"
VERSION = 1
HEADER_BYTES = 96
SAMPLES = 16  # data documents sampled at each end of the covered part
DIR_NAME = ".tickjournal-index"
SUFFIX = ".tjidx"
_TYPE_AT = RECORD_HEADER

HEADER_DTYPE = np.dtype([("magic", "S4"), ("version", "<u4"), ("name", "S16"), ("end", "<u8"),
                         ("records", "<u8"), ("chunks", "<u4"), ("samples", "<u4"), ("samples_crc", "<u4"),
                         ("table_crc", "<u4"), ("table_at", "<u8"), ("length", "<u8"), ("reserved", "V16"),
                         ("crc", "<u4"), ("pad", "<u4")])
TABLE_DTYPE = np.dtype([("pos0", "<u8"), ("pos1", "<u8"), ("start", "<u8"), ("n", "<u8"),
                        ("entries_at", "<u8"), ("groups_at", "<u8"), ("entries", "<u4"), ("groups", "<u4"),
                        ("groups_crc", "<u4"), ("pad", "<u4"), ("counts", "<u4", 256)])
SAMPLE_DTYPE = np.dtype([("offset", "<u8"), ("length", "<u4"), ("pad", "<u4")])
ENTRY_DTYPE = np.dtype([("rec", "<u4"), ("off", "<u4")])
assert HEADER_DTYPE.itemsize == HEADER_BYTES and TABLE_DTYPE.itemsize == 1088

# the header word of a complete data document holding a good message, by type byte (0: not one)
_HEADER_WORD = np.where(SPEC_LENGTH >= 0, SPEC_LENGTH + RECORD_HEADER, 0).astype(np.uint32)


def index_path(cycle_path, index_dir=None):
    """The index file of the cycle file at `cycle_path`: in index_dir, else in the journal's
    .tickjournal-index directory."""
    journal, name = os.path.split(os.fspath(cycle_path))
    where = os.fspath(index_dir) if index_dir is not None else os.path.join(journal, DIR_NAME)
    return os.path.join(where, name[:-len(".cq4")] + SUFFIX)


def _warn(message):
    sys.stderr.write(f"tickjournal: warning: {message}\n")


def _pad8(f):
    at = f.tell()
    if at % 8:
        f.write(b"\0" * (8 - at % 8))
    return f.tell()


class _Samples:
    """The first and last SAMPLES data documents of a walk, as (offset, length) pairs."""

    def __init__(self):
        self.first, self.last = [], []

    def add(self, offsets, lengths):
        if not len(offsets):
            return
        if len(self.first) < SAMPLES:
            k = SAMPLES - len(self.first)
            self.first += list(zip(offsets[:k].tolist(), lengths[:k].tolist()))
        self.last = (self.last + list(zip(offsets[-SAMPLES:].tolist(), lengths[-SAMPLES:].tolist())))[-SAMPLES:]

    def array(self):
        seen, out = set(), []
        for pair in self.first + self.last:
            if pair not in seen:
                seen.add(pair)
                out.append(pair)
        arr = np.zeros(len(out), SAMPLE_DTYPE)
        if out:
            arr["offset"], arr["length"] = zip(*out)
        return arr


def _samples_crc(cf, samples):
    crc = 0
    for off, length in zip(samples["offset"].tolist(), samples["length"].tolist()):
        if off + length > cf.size:
            return None
        crc = zlib.crc32(cf.u8[off:off + length], crc)
    return crc


def _chunk_entries(cf, pos0, offsets, lengths, types):
    """(entries, locates, first, crcs, counts) of one walked chunk (see the layout)."""
    good = good_types(types, lengths)
    counts = np.bincount(good, minlength=256)
    sel = np.flatnonzero(good)
    offs = offsets[sel]
    loc = cf.view(">u2")[offs + LOCATE_AT].astype(np.uint16)
    order = np.argsort(loc, kind="stable")
    entries = np.empty(len(sel), ENTRY_DTYPE)
    entries["rec"] = sel[order]
    entries["off"] = offs[order] - pos0
    loc = loc[order]
    starts = np.flatnonzero(np.r_[True, loc[1:] != loc[:-1]]) if len(loc) else np.empty(0, np.int64)
    locates = loc[starts]
    first = np.append(starts, len(loc)).astype(np.uint32)
    raw = entries.view(np.uint8)
    bounds = (first.astype(np.int64) * ENTRY_DTYPE.itemsize).tolist()
    crcs = np.fromiter((zlib.crc32(raw[a:b]) for a, b in zip(bounds[:-1], bounds[1:])), np.uint32, len(locates))
    return entries, locates, first, crcs, counts


def build_file(cycle_path, cycle, index_dir=None):
    """Builds the index of one cycle file (from offset 0 to the end of what is written) and
    writes it atomically; returns (index path, records, entries, covered end)."""
    cf = CycleFile(cycle_path, cycle)
    out = index_path(cycle_path, index_dir)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=os.path.basename(out) + ".", suffix=".tmp", dir=os.path.dirname(out))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(b"\0" * HEADER_BYTES)
            table, samples, start, total = [], _Samples(), 0, 0
            while True:
                pos0 = cf.position
                offsets, lengths, _kinds, types, state = walk(cf, chunks.CHUNK_BYTES)
                if len(offsets):
                    samples.add(offsets, lengths)
                    entries, locates, first, crcs, counts = _chunk_entries(cf, pos0, offsets, lengths, types)
                    row = np.zeros(1, TABLE_DTYPE)[0]
                    row["pos0"], row["pos1"], row["start"], row["n"] = pos0, cf.position, start, len(offsets)
                    row["entries_at"] = _pad8(f)
                    f.write(entries.tobytes())
                    row["groups_at"] = _pad8(f)
                    loc = locates.astype("<u2")
                    groups = (loc.tobytes() + (b"\0\0" if len(loc) % 2 else b"") + first.astype("<u4").tobytes()
                              + crcs.astype("<u4").tobytes())
                    f.write(groups)
                    row["groups_crc"] = zlib.crc32(groups)
                    row["entries"], row["groups"], row["counts"] = len(entries), len(locates), counts
                    table.append(row)
                    start += len(offsets)
                    total += len(entries)
                if state != "more":
                    break
            table = np.array(table, TABLE_DTYPE) if table else np.zeros(0, TABLE_DTYPE)
            sarr = samples.array()
            head = np.zeros(1, HEADER_DTYPE)
            h = head[0]
            h["magic"], h["version"], h["name"] = MAGIC, VERSION, os.path.basename(cycle_path).encode("ascii")
            h["end"], h["records"], h["chunks"], h["samples"] = cf.position, start, len(table), len(sarr)
            h["samples_crc"] = _samples_crc(cf, sarr) or 0
            tail = table.tobytes() + sarr.tobytes()
            h["table_crc"], h["table_at"] = zlib.crc32(tail), _pad8(f)
            f.write(tail)
            h["length"] = f.tell()
            h["crc"] = zlib.crc32(head.tobytes()[:88])
            f.seek(0)
            f.write(head.tobytes())
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as a plain open() would (mkstemp makes it 0600)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return out, start, total, int(h["end"])


class FileIndex:
    """The index of one cycle file, loaded (see the module's layout): its chunks (chunks.Chunk,
    walk arrays not kept), the covered end and record count, and select() over its entries."""

    def __init__(self, cf, path, raw, head, table):
        self.cf, self.path, self.raw, self.table = cf, path, raw, table
        self.end, self.records = int(head["end"]), int(head["records"])
        self.chunks = [Chunk.from_counts(cf, int(r["pos0"]), int(r["pos1"]), int(r["start"]), int(r["n"]),
                                         r["counts"].astype(np.int64)) for r in table]
        self._groups = {}  # chunk number -> (locates, first, crcs)
        self._bad = set()  # chunk numbers whose entries failed a check (walked instead)

    def _chunk_groups(self, i):
        """(locates, first, crcs) of chunk i (see the layout), None if their CRC32 fails."""
        g = self._groups.get(i)
        if g is None:
            r = self.table[i]
            at, n = int(r["groups_at"]), int(r["groups"])
            size = 2 * n + (2 if n % 2 else 0) + 4 * (2 * n + 1)
            if at + size > len(self.raw) or zlib.crc32(self.raw[at:at + size]) != int(r["groups_crc"]):
                return None
            locates = self.raw[at:at + 2 * n].view("<u2")
            at += 2 * n + (2 if n % 2 else 0)
            first = self.raw[at:at + 4 * (n + 1)].view("<u4")
            crcs = self.raw[at + 4 * (n + 1):at + 4 * (2 * n + 1)].view("<u4")
            g = self._groups[i] = (locates, first, crcs)
        return g

    def select(self, i, wanted_locates):
        """(content offsets int64, record numbers within the chunk int64, type bytes uint8) of
        chunk i's good messages of the locates `wanted_locates` (sorted int array), in journal
        order; None if the chunk's entries fail a check (then read the chunk by a walk)."""
        if i in self._bad:
            return None
        r = self.table[i]
        groups = self._chunk_groups(i)
        if groups is None:
            return self._fail(i, "CRC32 of the locate groups")
        locates, first, crcs = groups
        k = np.searchsorted(locates, wanted_locates)
        k = k[(k < len(locates))]
        k = k[np.isin(locates[k], wanted_locates)]
        entries_at = int(r["entries_at"])
        parts = []
        for g in k.tolist():
            a, b = int(first[g]), int(first[g + 1])
            if not a <= b <= int(r["entries"]):
                return self._fail(i, "group bounds out of range")
            raw = self.raw[entries_at + 8 * a:entries_at + 8 * b]
            if zlib.crc32(raw) != int(crcs[g]):
                return self._fail(i, f"CRC32 of the entries of locate {int(locates[g])}")
            parts.append((raw.view(ENTRY_DTYPE), int(locates[g])))
        if not parts:
            e = np.empty(0, np.int64)
            return e, e, np.empty(0, np.uint8)
        ent = parts[0][0] if len(parts) == 1 else np.concatenate([p[0] for p in parts])
        loc = np.repeat(np.array([p[1] for p in parts], np.int64), [len(p[0]) for p in parts])
        recs = ent["rec"].astype(np.int64)
        if len(parts) > 1:
            order = np.argsort(recs, kind="stable")
            ent, recs, loc = ent[order], recs[order], loc[order]
        pos0, n, span = int(r["pos0"]), int(r["n"]), int(r["pos1"]) - int(r["pos0"])
        offs = ent["off"].astype(np.int64)
        if len(recs) and (recs[-1] >= n or offs.max() >= span or offs.min() < 4 or (np.diff(recs) <= 0).any()):
            return self._fail(i, "entry out of the chunk's range or out of order")
        offs += pos0
        return self._checked(i, offs, recs, loc)

    def _checked(self, i, offs, recs, loc):
        """The selection after checking each record in the cycle file: a complete data document of
        a good message (header word, kind, version and payload length), of the locate it is indexed
        under."""
        cf = self.cf
        if len(offs) and int(offs.max()) + RECORD_HEADER + 3 > cf.size:
            return self._fail(i, "entry past the end of the cycle file")
        types = cf.u8[offs + _TYPE_AT]
        ok = cf.view("<u4")[offs - 4] == _HEADER_WORD[types]
        ok &= _HEADER_WORD[types] != 0
        ok &= cf.view("<u2")[offs + 4] == KIND_VERSION
        ok &= cf.view("<u2")[offs + 6] == _HEADER_WORD[types] - RECORD_HEADER  # the payload length field
        ok &= cf.view(">u2")[offs + LOCATE_AT] == loc
        if not ok.all():
            return self._fail(i, f"{int((~ok).sum())} entries do not point at messages of their locate")
        return offs, recs, types

    def _fail(self, i, why):
        self._bad.add(i)
        _warn(f"{self.path}: chunk {i} of the index: {why}: damaged index; that chunk is walked instead "
              f"(rebuild it with python3 -m tickjournal.index)")
        return None


def load(cf, index_dir=None):
    """The FileIndex of cycle file `cf` if its index file exists, is whole and matches the file;
    None if there is none; None with one warning if it is stale or damaged."""
    path = index_path(cf.path, index_dir)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        _warn(f"{path}: {getattr(e, 'strerror', None) or e}: index not used; the cycle file is walked")
        return None
    why = _check(cf, data)
    if isinstance(why, str):
        _warn(f"{path}: {why}: index not used; the cycle file is walked "
              f"(rebuild it with python3 -m tickjournal.index)")
        return None
    raw = np.frombuffer(data, np.uint8)
    return FileIndex(cf, path, raw, why[0], why[1])


def _check(cf, data):
    """(header, table) of a whole index file that matches cf, else the reason it is not used."""
    if len(data) < HEADER_BYTES:
        return f"{len(data)} bytes: shorter than its header (cut short or not an index)"
    head = np.frombuffer(data, HEADER_DTYPE, 1)[0]
    if bytes(head["magic"]) != MAGIC:
        return "not a tickjournal index (no TJIX magic)"
    if zlib.crc32(data[:88]) != int(head["crc"]):
        return "header CRC32 mismatch (damaged)"
    if int(head["version"]) != VERSION:
        return f"index format version {int(head['version'])} (this reader: {VERSION})"
    if int(head["length"]) != len(data):
        return f"{len(data)} bytes, the header says {int(head['length'])} (cut short or damaged)"
    if head["name"].decode("ascii", "replace") != os.path.basename(cf.path):
        return f"built for {head['name'].decode('ascii', 'replace')}, not {os.path.basename(cf.path)}"
    at, n, s = int(head["table_at"]), int(head["chunks"]), int(head["samples"])
    tail_end = at + n * TABLE_DTYPE.itemsize + s * SAMPLE_DTYPE.itemsize
    if tail_end != len(data) or zlib.crc32(data[at:tail_end]) != int(head["table_crc"]):
        return "chunk table CRC32 mismatch or misplaced (damaged)"
    table = np.frombuffer(data, TABLE_DTYPE, n, at)
    samples = np.frombuffer(data, SAMPLE_DTYPE, s, at + n * TABLE_DTYPE.itemsize)
    end = int(head["end"])
    cf.remap()
    if end > cf.size:
        return f"covers {end} bytes, the cycle file has {cf.size} (a different or rewritten journal)"
    if _samples_crc(cf, samples) != int(head["samples_crc"]):
        return "its sampled records differ from the cycle file's (a different or rewritten journal: stale)"
    if n:
        pos0, pos1, start, cnt = (table[k].astype(np.int64) for k in ("pos0", "pos1", "start", "n"))
        if (pos0[1:] != pos1[:-1]).any() or (start[1:] != start[:-1] + cnt[:-1]).any() or start[0] != 0 \
                or int(pos1[-1]) != end or int(start[-1] + cnt[-1]) != int(head["records"]):
            return "chunk table inconsistent (damaged)"
        if int((table["entries_at"] + 8 * table["entries"].astype(np.uint64)).max()) > at:
            return "chunk table inconsistent (damaged)"
    return head, table


def build(journal_path, index_dir=None, out=None):
    """Builds the index of every cycle file of a journal (see build_file); prints a line per file
    to `out` if given. Returns [(index path, records, entries, covered end)]."""
    from .journal import _cycle_files
    done = []
    for cycle, path in _cycle_files(os.fspath(journal_path)):
        r = build_file(path, cycle, index_dir)
        done.append(r)
        if out is not None:
            out.write(f"{r[0]}: {r[1]:,} records, {r[2]:,} messages indexed, covers {r[3]:,} bytes of "
                      f"{os.path.basename(path)}, {os.path.getsize(r[0]):,} bytes\n")
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m tickjournal.index",
                                 description="Build the index by stock locate of a journal (see tickjournal/index.py).")
    ap.add_argument("journal")
    ap.add_argument("--index-dir", help="where to write the index files (default: JOURNAL/.tickjournal-index)")
    args = ap.parse_args(argv)
    try:
        build(args.journal, args.index_dir, sys.stdout)
    except JournalError as e:
        sys.stderr.write(f"tickjournal.index: error: {e}\n")
        return 2
    except OSError as e:
        sys.stderr.write(f"tickjournal.index: error: {e.filename or args.journal}: {e.strerror}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
