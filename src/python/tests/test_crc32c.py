"""CRC32C as the journal format defines it (java.util.zip.CRC32C)."""

import numpy as np
import pytest

from tickjournal import crc32c as C
from tickjournal.crc32c import crc32c, crc32c_rows, crc32c_rows_slicing, crc32c_words, learn_varying


def _want(rows, start, length):
    return [crc32c(bytes(r[start:start + length])) for r in rows]


def _with_crc(rows, length):
    """rows with bytes 0..3 set to the CRC32C of bytes [4, 4 + length) (a record's header)."""
    rows = rows.copy()
    rows[:, :4] = np.array(_want(rows, 4, length), "<u4").view(np.uint8).reshape(-1, 4)
    return rows


def _similar_rows(rng, n, width):
    """Rows that share most bits, as the records of one type do: a constant row, a counter in
    two byte orders, a few bytes taking a few values and a few bits that vary."""
    rows = np.tile(rng.integers(0, 256, width, dtype=np.uint8), (n, 1))
    count = np.arange(n, dtype=np.uint64) * np.uint64(rng.integers(1, 1000)) + np.uint64(rng.integers(0, 1 << 40))
    at = int(rng.integers(4, max(5, width - 8)))
    rows[:, at:at + 8] = count.astype("<u8").view(np.uint8).reshape(n, 8)[:, :min(8, width - at)]
    at = int(rng.integers(4, max(5, width - 8)))
    rows[:, at:at + 8] = count.astype(">u8").view(np.uint8).reshape(n, 8)[:, :min(8, width - at)]
    for _ in range(int(rng.integers(0, 6))):
        p = int(rng.integers(0, width))
        rows[:, p] ^= rng.integers(0, 256, n).astype(np.uint8) & np.uint8(rng.integers(0, 256))
    return rows


def test_check_value():
    assert crc32c(b"123456789") == 0xE3069283
    assert crc32c(b"") == 0
    rows = np.frombuffer(b"....123456789...", np.uint8).reshape(1, 16)
    assert crc32c_rows(np.repeat(rows, 3, axis=0), 4, 9).tolist() == [0xE3069283] * 3


def test_rows_at_once_equal_one_at_a_time_for_every_length_and_block_edge():
    rng = np.random.default_rng(20261122)
    rows = rng.integers(0, 256, size=(37, 80), dtype=np.uint8)
    for length in range(0, 76):
        got = crc32c_rows(rows, 4, length, block=16, planned=True)
        assert got.tolist() == _want(rows, 4, length), length
        assert crc32c_rows(rows, 4, length).tolist() == _want(rows, 4, length), length
        if length:
            assert crc32c_rows_slicing(rows, 4, length).tolist() == _want(rows, 4, length), length


@pytest.mark.parametrize("seed", range(6))
def test_records_sharing_most_bits_every_length_stride_and_block(seed):
    """The planned lookups (constant bits taken once per block, chunks grouped) against the
    reference: odd and even lengths, rows further apart than their width, blocks of 2 rows and
    up, a kind per trial (so plans are learnt from scratch and grown)."""
    rng = np.random.default_rng(seed)
    for trial in range(60):
        width = 4 * int(rng.integers(2, 30))
        length = int(rng.integers(0, width - 3))
        n = int(rng.integers(1, 400))
        rows = _similar_rows(rng, n, width)
        if rng.random() < 0.5:  # one record unlike the others in one bit
            rows[int(rng.integers(0, n)), int(rng.integers(0, width))] ^= np.uint8(1 << int(rng.integers(0, 8)))
        wide = np.zeros((n, width + 4 * int(rng.integers(0, 4))), np.uint8)
        wide[:, :width] = rows
        kind = (seed, trial)
        got = crc32c_rows(wide[:, :width], 4, length, block=int(rng.integers(2, 200)), kind=kind,
                           planned=True)
        assert got.tolist() == _want(rows, 4, length), (trial, length, width)


@pytest.mark.parametrize("length", [43, 55, 60, 64, 27 + 50])
def test_a_flipped_bit_anywhere_in_a_record_is_caught(length):
    """Every bit of the checked range, flipped in one record of a block whose records share
    most bits (so most bits are taken as constant before), fails that record's check and only
    that one; a bit past the range (an odd length's last half chunk) changes nothing."""
    rng = np.random.default_rng(length)
    width = 8 * -(-(4 + length + 1) // 8)
    rows = _with_crc(_similar_rows(rng, 300, width), length)
    stored = rows[:, :4].copy().view("<u4")[:, 0]
    kind = ("flip", length)
    assert (crc32c_rows(rows, 4, length, kind=kind, planned=True) == stored).all()
    learnt = C._PLANS[(4, length, kind)]
    for bit in range(8 * 4, 8 * (4 + length)):
        i = int(rng.integers(0, 300)) if bit % 3 else (0, 299)[bit % 2]
        bad = rows.copy()
        bad[i, bit // 8] ^= np.uint8(1 << bit % 8)
        C._PLANS[(4, length, kind)] = learnt  # the plan of the good records: the bit was constant
        ok = crc32c_rows(bad, 4, length, kind=kind) == stored
        assert not ok[i] and ok.sum() == 299, bit
    if length % 2:
        bad = rows.copy()
        bad[:, 4 + length] = rng.integers(0, 256, 300).astype(np.uint8)
        assert (crc32c_rows(bad, 4, length, kind=kind) == stored).all()


def test_a_bit_constant_so_far_that_changes_later_makes_a_new_plan():
    rng = np.random.default_rng(7)
    rows = _similar_rows(rng, 2000, 64)
    rows[1500:, 30] ^= 0x10  # constant in the first blocks, then not
    rows[1777, 5] ^= 0x01  # one record's kind byte
    kind = "later"
    got = crc32c_rows(rows, 4, 59, block=256, kind=kind, planned=True)
    assert got.tolist() == _want(rows, 4, 59)
    plan = C._PLANS[(4, 59, kind)]
    assert plan.masks[13] & 0x0010 and plan.masks[0] & 0x0100


def test_words_after_learning_from_a_sample():
    """crc32c_words: records as (words, n) uint64 (what the journal's staged check hands it),
    after learn_varying saw a sample spread over all of them."""
    rng = np.random.default_rng(11)
    rows = _similar_rows(rng, 5000, 56)
    words = np.ascontiguousarray(rows.view("<u8").T)
    learn_varying(words[:, ::50], 4, 51, kind="words")
    for b in range(0, 5000, 1000):
        got = crc32c_words(words[:, b:b + 1000], 4, 51, kind="words")
        assert got.tolist() == _want(rows[b:b + 1000], 4, 51)
    assert crc32c_words(words[:, :1], 4, 51, kind="words").tolist() == _want(rows[:1], 4, 51)


def test_long_ranges_and_narrow_rows_take_the_slicing_path():
    rng = np.random.default_rng(3)
    rows = rng.integers(0, 256, size=(20, 400), dtype=np.uint8)
    assert crc32c_rows(rows, 4, 390).tolist() == _want(rows, 4, 390)  # past MAX_PLANNED
    narrow = rows[:, :44]
    for length in (40, 39):  # 44 bytes wide: not the 48 of 6 words
        assert crc32c_rows(narrow, 4, length).tolist() == _want(narrow, 4, length)
    assert crc32c_rows(narrow[:1], 4, 40).tolist() == _want(narrow[:1], 4, 40)
    assert crc32c_rows(rows[:, 1:], 3, 40).tolist() == _want(rows[:, 1:], 3, 40)  # odd start
