"""CRC32C (Castagnoli), vectorised over many records of equal length with numpy.

Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF, as
``java.util.zip.CRC32C``; check value of ASCII ``123456789`` is 0xE3069283. Slicing by 4: one
step per 4-byte little-endian word for all records at once (crc32c_many by bytes, crc32c_rows by
16-bit halves of the register).
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


def crc32c_rows(rows, start, length, block=32768):
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
