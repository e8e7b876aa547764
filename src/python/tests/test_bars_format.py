"""The bars queue's excerpt formats (BarBlockLayout): a block of bars per window (version 2) and one bare
80-byte bar per excerpt (version 1, states of older builds) both read; anything else is refused."""
import types

import numpy as np
import pytest

from tickjournal.framing import JournalError
from tickjournal.journal import _bar_starts


def _file(payload):
    # 4 bytes of room before the excerpt, where the Chronicle header would be.
    return types.SimpleNamespace(u8=np.frombuffer(b"\0" * 4 + payload, np.uint8))


def _block(count, version=2, record_length=80):
    head = b"TJBW" + version.to_bytes(2, "little") + record_length.to_bytes(2, "little")
    return head + count.to_bytes(4, "little") + b"\0" * 4 + b"\1" * (80 * count)


def test_version_two_block_lists_each_bar():
    assert list(_bar_starts(_file(_block(3)), "bars/x.cq4", 4, 16 + 240)) == [20, 100, 180]


def test_version_one_bar_is_one_bar():
    assert list(_bar_starts(_file(b"\1" * 80), "bars/x.cq4", 4, 80)) == [4]


@pytest.mark.parametrize("payload", [_block(2, version=3), _block(1, record_length=96), b"\0" * 40,
                                     _block(2)[:-80]])
def test_unknown_excerpt_is_refused_naming_the_file(payload):
    with pytest.raises(JournalError, match=r"bars/x.cq4: offset 0: bars excerpt of \d+ bytes is not a bar block"):
        _bar_starts(_file(payload), "bars/x.cq4", 4, len(payload))
