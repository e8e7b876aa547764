"""CRC32C (Castagnoli), vectorised over many records of equal length with numpy.

Reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF, as
``java.util.zip.CRC32C``; check value of ASCII ``123456789`` is 0xE3069283. Slicing by 4: one
step per 4-byte little-endian word for all records at once.
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


def _halfword_tables():
    x = np.arange(65536, dtype=np.uint32)
    lo = T3[x & 0xFF] ^ T2[x >> 8]  # bytes 0 and 1 of the word
    hi = T1[x & 0xFF] ^ T0[x >> 8]  # bytes 2 and 3
    return lo, hi


H_LO, H_HI = _halfword_tables()


def crc32c_rows(rows, start, length, block=16384):
    """CRC32C of bytes [start, start + length) of every row of a 2-D uint8 array whose rows are
    contiguous (start a multiple of 4). One step per 4-byte word, two 64K-entry table lookups,
    in place; rows are taken a block at a time so that each step's column is read from cache."""
    n, width = rows.shape
    assert start % 4 == 0 and start + length <= width
    out = np.empty(n, np.uint32)
    full = length // 4
    lo_buf, hi_buf, part_buf = (np.empty(block, np.uint32) for _ in range(3))
    for b in range(0, n, block):
        r = rows[b:b + block]
        m = len(r)
        words = r[:, start:start + 4 * full].view("<u4")  # (rows, full) little-endian words
        crc = np.full(m, 0xFFFFFFFF, np.uint32)
        lo, hi, part = lo_buf[:m], hi_buf[:m], part_buf[:m]
        for k in range(full):
            np.bitwise_xor(crc, words[:, k], out=crc)
            np.bitwise_and(crc, 0xFFFF, out=lo)
            np.right_shift(crc, 16, out=hi)
            np.take(H_LO, lo, out=part, mode="clip")
            np.take(H_HI, hi, out=crc, mode="clip")
            np.bitwise_xor(crc, part, out=crc)
        for i in range(start + 4 * full, start + length):
            crc = T0[(crc ^ r[:, i]) & 0xFF] ^ (crc >> 8)
        out[b:b + block] = crc ^ np.uint32(0xFFFFFFFF)
    return out
