"""CRC32C (Castagnoli), vectorised over many records of equal length with numpy.

Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF, as
``java.util.zip.CRC32C``; check value of ASCII ``123456789`` is 0xE3069283.

Two ways to compute it for many records at once:

* ``crc32c_rows_slicing``: one step per 4-byte little-endian word for all records at once, the
  register folded in with two 64K-entry tables (the reference for the other, and the path for
  records longer than ``MAX_PLANNED`` bytes).
* ``crc32c_rows`` / ``crc32c_words``: the CRC without the init and final XOR is linear over GF(2)
  in the message bits, so for one message length it is the XOR of one table lookup per 16-bit
  chunk, the table depending only on the chunk's distance from the end, plus a constant of the
  length (no serial dependency between chunks). Records of one type share most of their bits
  (kind, version, length, source id, the high bytes of sequence numbers, times and prices...):
  every block of records is checked for which bits are the same in all of its records, exactly
  (each record against the one before it, every bit of the checked range); those bits contribute
  the same constant to every record's CRC (taken from the first record's CRC computed in full),
  and only the bits that vary are looked up. Chunks whose varying bits do not overlap are XORed
  together into one 16-bit index (the table for the group is the XOR of the chunks' tables
  restricted to their varying bits: linear again), so a lookup serves several chunks. The result
  is the CRC of every record, exactly as if each byte had been looked up (tests compare both).
  Which bits vary is learnt per range and kind (message type) from the data (a *plan*, shown a
  sample spread over all the records first by learn_varying; it only grows: a block with more
  varying bits makes a new plan, a block with fewer uses the old one). A plan's tables take
  256 KB per group (3 - 6 MB for an ITCH message type), so ranges of fewer than PLAN_MIN records
  without a plan yet take the slicing path.

Plans and tables are kept per process (module state, replaced whole, never changed in place).
"""

import numpy as np

POLY = 0x82F63B78


def _tables():
    t0 = np.zeros(256, np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ POLY if c & 1 else c >> 1
        t0[i] = c
    tables = [t0]
    for _ in range(3):
        prev = tables[-1]
        tables.append((prev >> np.uint32(8)) ^ t0[prev & 0xFF])
    return tables


T0, T1, T2, T3 = _tables()


def crc32c_many(u8, words, starts, length):
    """CRC32C of the `length` bytes at each of `starts` (int64 array of byte offsets).

    u8: the buffer as uint8; words: the same buffer as a stride-1 little-endian uint32 view
    (a word at every byte offset).
    """
    crc = np.full(len(starts), 0xFFFFFFFF, np.uint32)
    full = length & ~3
    for k in range(0, full, 4):
        crc ^= words[starts + k]
        crc = T3[crc & 0xFF] ^ T2[(crc >> 8) & 0xFF] ^ T1[(crc >> 16) & 0xFF] ^ T0[crc >> 24]
    for k in range(full, length):
        crc = T0[(crc ^ u8[starts + k]) & 0xFF] ^ (crc >> 8)
    return crc ^ np.uint32(0xFFFFFFFF)


def crc32c(data):
    """CRC32C of one bytes object (reference and tests)."""
    buf = np.frombuffer(bytes(data) + b"\0\0\0", np.uint8)
    words = np.ndarray((len(buf) - 3,), "<u4", buffer=buf, strides=(1,))
    return int(crc32c_many(buf, words, np.zeros(1, np.int64), len(data))[0])


def _halfword_tables(nbytes):
    """(lo, hi): the register after feeding `nbytes` (1..4) bytes, as two 64K-entry tables indexed
    by its low and high 16 bits (it is linear in the register), the data already XORed in."""
    x = np.arange(65536, dtype=np.uint32)
    out = []
    for c in (x, x << np.uint32(16)):
        for _ in range(nbytes):
            c = T0[c & 0xFF] ^ (c >> np.uint32(8))
        out.append(c)
    return tuple(out)


H_LO, H_HI = _halfword_tables(4)
assert (H_LO == T3[np.arange(65536) & 0xFF] ^ T2[np.arange(65536) >> 8]).all()
_TAIL = {}  # bytes -> halfword tables for the last 1..3 bytes of a length not a multiple of 4


def crc32c_rows_slicing(rows, start, length, block=32768):
    """CRC32C of bytes [start, start + length) of every row of a 2-D uint8 array whose rows are
    contiguous (start a multiple of 4; rows at least start + length rounded up to 4 bytes wide:
    a last partial word is read whole and masked). One step per 4-byte word, two 64K-entry table
    lookups, in place, with intp indexes (np.take would convert uint32 ones first); rows are taken
    a block at a time so that each step's column is read from cache, blocks large enough that the
    numpy calls' own cost (about a microsecond each) stays small."""
    n, width = rows.shape
    full, tail = divmod(length, 4)
    assert start % 4 == 0 and start + length <= width and (not tail or start + 4 * full + 4 <= width)
    if tail and tail not in _TAIL:
        _TAIL[tail] = _halfword_tables(tail)
    out = np.empty(n, np.uint32)
    m = min(n, block)
    lo, hi = np.empty(m, np.intp), np.empty(m, np.intp)
    part, crc_buf = np.empty(m, np.uint32), np.empty(m, np.uint32)
    for b in range(0, n, block):
        r = rows[b:b + block]
        m = len(r)
        words = r[:, start:start + 4 * (full + (tail > 0))].view("<u4")  # (rows, words) little-endian
        crc, l, h, p = crc_buf[:m], lo[:m], hi[:m], part[:m]
        crc.fill(0xFFFFFFFF)
        for k in range(full + (tail > 0)):
            t_lo, t_hi = (H_LO, H_HI) if k < full else _TAIL[tail]
            if k < full:
                np.bitwise_xor(crc, words[:, k], out=crc)
            else:  # the last 1..3 bytes: the word's low bytes only, then a register shift by as many
                np.bitwise_and(words[:, k], (1 << 8 * tail) - 1, out=p)
                np.bitwise_xor(crc, p, out=crc)
            np.bitwise_and(crc, 0xFFFF, out=l)
            np.right_shift(crc, 16, out=h)
            np.take(t_lo, l, out=p, mode="clip")
            np.take(t_hi, h, out=crc, mode="clip")
            np.bitwise_xor(crc, p, out=crc)
        np.bitwise_xor(crc, 0xFFFFFFFF, out=out[b:b + m])
    return out


# --- planned lookups: one table per group of 16-bit chunks, only the bits that vary ---------------

MAX_PLANNED = 128  # longer ranges (never an ITCH message: at most 74 bytes) take the slicing path
PLAN_MIN = 4096  # fewer records of a range and kind without a plan yet take the slicing path: a
# plan's tables (256 KB per group, 3 - 6 MB for an ITCH message type) pay off over many records
BLOCK = 16384  # records per block: words, index and table results of a block stay in the 1 MB L2
LOOKUP_BLOCK = 32768  # records whose indexes crc32c_words builds and looks up at once

_dist_rows = np.zeros((0, 256), np.uint32)


def _dist(n):
    """(at least n, 256) uint32: row d is the contribution to the register (no init, no final
    XOR) of a byte followed by d zero bytes; row 0 is T0, each next row one zero byte on."""
    global _dist_rows
    have = _dist_rows
    if len(have) < n:
        rows = np.empty((max(n, 2 * len(have), 64), 256), np.uint32)
        rows[:len(have)] = have
        for d in range(len(have), len(rows)):
            if d == 0:
                rows[0] = T0
            else:
                p = rows[d - 1]
                rows[d] = T0[p & 0xFF] ^ (p >> np.uint32(8))
        _dist_rows = have = rows
    return have


_ZERO = {}


def _zero_crc(length):
    """CRC32C of `length` zero bytes (with the init and final XOR): the CRC of any message of
    that length is this XOR the contributions of its bytes."""
    z = _ZERO.get(length)
    if z is None:
        c, t = 0xFFFFFFFF, T0.tolist()
        for _ in range(length):
            c = t[c & 0xFF] ^ (c >> 8)
        z = _ZERO[length] = c ^ 0xFFFFFFFF
    return z


def _crc_one(data, length):
    """CRC32C of the first `length` bytes of a uint8 array, by the byte tables (one record)."""
    if length == 0:
        return 0
    d = _dist(length)
    return int(np.bitwise_xor.reduce(d[np.arange(length - 1, -1, -1), data[:length]])) ^ _zero_crc(length)


_GROUP_TABLES = {}
_GROUP_TABLES_MAX = 256  # 64 MB; beyond, the cache starts again (plans keep their own tables)


def _group_table(parts):
    """The 64K-entry table of a group of chunks: parts are (distance of the chunk's low byte from
    the end of the range, the chunk's varying-bit mask) with disjoint masks; entry i is the XOR
    over the parts of the contributions of the bits i & mask of each (the rest being constant)."""
    t = _GROUP_TABLES.get(parts)
    if t is None:
        d = _dist(max(p[0] for p in parts) + 1)
        v = np.arange(256)
        lo, hi = np.zeros(256, np.uint32), np.zeros(256, np.uint32)
        for d0, mask in parts:
            assert d0 > 0 or not mask >> 8  # an odd range's last half chunk never varies
            if mask & 0xFF:
                lo ^= d[d0][v & (mask & 0xFF)]
            if mask >> 8:
                hi ^= d[d0 - 1][v & (mask >> 8)]
        t = (hi[:, None] ^ lo[None, :]).ravel()  # index: high byte * 256 + low byte
        if len(_GROUP_TABLES) >= _GROUP_TABLES_MAX:
            _GROUP_TABLES.clear()
        _GROUP_TABLES[parts] = t
    return t


class _Plan:
    """How to compute the CRC of bytes [start, start + length) of records, given which bits of
    its 16-bit chunks vary (masks, one per chunk; the bits of a last half chunk past the range
    never do). The records are given as (words, n) uint64 arrays, word j holding record bytes
    [8j, 8j + 8)."""

    def __init__(self, key, masks):
        self.key, self.masks = key, masks
        start, length, _kind = key
        chunks = len(masks)
        self.words = _words(start, length)
        # groups of chunks with disjoint varying bits, first fit, widest masks first. The high
        # byte of an odd length's last chunk lies past the range, is not checked and may hold
        # anything: it takes room in its group's index as if it varied
        taken = list(masks)
        if length & 1:
            taken[-1] |= 0xFF00
        groups = []
        for c in sorted((c for c in range(chunks) if masks[c]), key=lambda c: -bin(masks[c]).count("1")):
            for g in groups:
                if not g[0] & taken[c]:
                    g[0] |= taken[c]
                    g[1].append(c)
                    break
            else:
                groups.append([taken[c], [c]])
        # per group: the (word, 16-bit lane) of each chunk, and its table
        self.groups = []
        for _union, cols in groups:
            lanes = [divmod((start + 2 * c) // 2, 4) for c in cols]
            self.groups.append((lanes, _group_table(tuple((length - 1 - 2 * c, masks[c]) for c in cols))))
        # constant bits, as they lie in the words: the range's bits outside the masks
        full = [0xFFFF] * chunks
        if length & 1:
            full[-1] = 0x00FF
        row = np.zeros(8 * self.words, np.uint8)
        row[start:start + 2 * chunks] = np.array([f & ~m for f, m in zip(full, masks)], "<u2").view(np.uint8)
        self.constant = row.view("<u8")[:, None].copy()
        self.any_constant = bool(row.any())

    def grown(self, more, smear):
        """The plan with the bits of `more` ((words,) uint64, as they lie in the words) varying
        too, now the plan of its key. With smear, each byte's new bits are taken with all the
        bits above them in the byte: fields that grow (counters, times) then make few new plans
        (building one costs about as much as checking a block)."""
        start = self.key[0]
        more = more.view(np.uint8)[start:start + 2 * len(self.masks)].copy()
        if smear:
            for b in np.flatnonzero(more):
                low = int(more[b]) & -int(more[b])  # its lowest new bit
                more[b] = (0x100 - low) & 0xFF
        plan = _Plan(self.key, tuple(int(m) | int(x) for m, x in zip(self.masks, more.view("<u2"))))
        if len(_PLANS) >= 256:
            _PLANS.clear()
        _PLANS[self.key] = plan
        kept = {id(t) for _w, t in plan.groups}
        for parts, t in list(_GROUP_TABLES.items()):
            if id(t) not in kept and any(t is old for _w, old in self.groups):
                _GROUP_TABLES.pop(parts, None)  # this plan's alone, most likely: no more use
        return plan


_PLANS = {}  # (start, length, kind) -> the latest plan


def _words(start, length):
    """8-byte words of a record read for bytes [start, start + length) (a last half chunk whole)."""
    return -(-(start + 2 * ((length + 1) // 2)) // 8)


def _plan(start, length, kind):
    key = (start, length, kind)
    plan = _PLANS.get(key)
    return plan if plan is not None else _Plan(key, (0,) * ((length + 1) // 2))


def learn_varying(words, start, length, kind=None):
    """Takes the bits that vary among the records of `words` ((k, n) uint64 as for crc32c_words;
    typically a sample spread over all the records of a type) as varying in the plan for this
    range and kind, before their blocks are checked: a plan learnt from the first block alone
    would grow block after block as counters and times move on."""
    if length > MAX_PLANNED or start % 2 or words.shape[1] < 2:
        return
    plan = _plan(start, length, kind)
    w = words[:plan.words]
    more = np.bitwise_or.reduce(np.bitwise_xor(w[:, 1:], w[:, :1]), axis=1) & plan.constant[:, 0]
    if more.any():
        plan.grown(more, smear=False)


def crc32c_words(words, start, length, kind=None, planned=None):
    """CRC32C of bytes [start, start + length) of n records given as a (k, n) uint64 array (each
    row contiguous), row j holding bytes [8j, 8j + 8) of every record (little-endian), k at
    least (start + length) / 8 rounded up, start even, length at most MAX_PLANNED.

    kind: records of different kinds (message types) may share a length but not their varying
    bits; each (start, length, kind) has its own plan. planned: as for crc32c_rows."""
    n = words.shape[1]
    if planned is None:
        planned = n >= PLAN_MIN or (start, length, kind) in _PLANS
    if n < 2 or not planned or length > MAX_PLANNED or start % 2:
        return crc32c_rows(np.ascontiguousarray(words.T).view(np.uint8), start, length, planned=False)
    plan = _plan(start, length, kind)
    w = words[:plan.words]
    if plan.any_constant:
        # a bit is the same in every record iff its AND over the records equals its OR (every
        # bit of every record is read; two reductions, no temporary of the block's size)
        varying = np.bitwise_and.reduce(w, axis=1)
        varying ^= np.bitwise_or.reduce(w, axis=1)
        varying &= plan.constant[:, 0]
        if varying.any():
            plan = plan.grown(varying, smear=plan.key in _PLANS)
    _PLANS[plan.key] = plan
    lanes = w.view("<u2")  # (k, 4n): lane l of word j of record i at [j, 4i + l]
    groups = plan.groups
    acc = np.zeros(n, np.uint32)
    if groups:
        # group by group (its table read from cache for the n records: from memory once per
        # call, so the more records a call checks the less that costs), LOOKUP_BLOCK records
        # at a time (their indexes and lookups stay in cache)
        m = min(n, LOOKUP_BLOCK)
        index, looked = np.empty(m, np.intp), np.empty(m, np.uint32)
        for where, table in groups:
            for b in range(0, n, LOOKUP_BLOCK):
                e = min(n, b + LOOKUP_BLOCK)
                ix, lk = index[:e - b], looked[:e - b]
                j, lane = where[0]
                if len(where) == 1:
                    np.copyto(ix, lanes[j, 4 * b + lane:4 * e:4], casting="unsafe")
                else:
                    j2, lane2 = where[1]
                    np.bitwise_xor(lanes[j, 4 * b + lane:4 * e:4], lanes[j2, 4 * b + lane2:4 * e:4], out=ix,
                                   casting="unsafe")
                    for j, lane in where[2:]:
                        np.bitwise_xor(ix, lanes[j, 4 * b + lane:4 * e:4], out=ix, casting="unsafe")
                np.take(table, ix, out=lk, mode="wrap")  # indexes are < 65536: wrap never wraps
                np.bitwise_xor(acc[b:e], lk, out=acc[b:e])
    # the constant part: what makes the first record's CRC right (its CRC in full, byte by byte)
    first = np.ascontiguousarray(w[:, 0]).view(np.uint8)[start:start + length]
    np.bitwise_xor(acc, int(acc[0]) ^ _crc_one(first, length), out=acc)
    return acc


def crc32c_rows(rows, start, length, block=BLOCK, kind=None, planned=None):
    """CRC32C of bytes [start, start + length) of every row of a 2-D uint8 array (n, width) whose
    rows are each contiguous (any distance apart). Rows are read by 8-byte words, up to
    start + length rounded up to 8 bytes: the planned lookups need that much width (else the
    slicing path). Exact for every row (see the module doc); kind as for crc32c_words.

    planned: None, the planned lookups if there is a plan for (start, length, kind) already or
    at least PLAN_MIN rows; True, them whenever they can; False, the slicing path."""
    rows = np.asarray(rows)
    n, width = rows.shape
    k = _words(start, length)
    if planned is None:
        planned = n >= PLAN_MIN or (start, length, kind) in _PLANS
    if (not planned or length > MAX_PLANNED or start % 2 or 8 * k > width or rows.strides[1] != 1 or n < 2
            or rows.strides[0] <= 0):
        if length == 0:
            return np.zeros(n, np.uint32)
        if start % 4 == 0 and start + 4 * -(-length // 4) <= width:
            return crc32c_rows_slicing(np.ascontiguousarray(rows), start, length)
        return np.array([crc32c(bytes(r[start:start + length])) for r in rows], np.uint32)
    out = np.empty(n, np.uint32)
    words = np.empty((k, min(n, block)), np.uint64)
    for b in range(0, n, block):
        r = rows[b:b + block]
        m = len(r)
        w = words[:, :m]
        np.copyto(w, r[:, :8 * k].view("<u8").T)
        out[b:b + m] = crc32c_words(w, start, length, kind, planned=True)
    return out
