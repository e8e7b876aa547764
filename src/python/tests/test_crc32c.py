"""CRC32C as the journal format defines it (java.util.zip.CRC32C)."""

import numpy as np

from tickjournal.crc32c import crc32c, crc32c_rows


def test_check_value():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc32c(b"") == 0


def test_rows_at_once_equal_one_at_a_time_for_every_length_and_block_edge():
    rng = np.random.default_rng(20261122)
    rows = rng.integers(0, 256, size=(37, 80), dtype=np.uint8)
    for length in range(0, 76):
        got = crc32c_rows(rows, 4, length, block=16)
        want = [crc32c(bytes(r[4:4 + length])) for r in rows]
        assert got.tolist() == want, length
