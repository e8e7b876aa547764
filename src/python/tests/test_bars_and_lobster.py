"""Bars of a state directory, and the LOBSTER export against the engine's top of book."""

import glob
import os

import numpy as np
import pandas as pd

from conftest import tj
from tickjournal import Journal


def test_bars_equal_the_bars_csv(sample):
    df = Journal.bars(sample / "state")
    csv = pd.read_csv(pd.io.common.StringIO(tj("bars", "--state", sample / "state", "--format", "csv").stdout),
                      keep_default_na=False, dtype={"symbol": str})
    assert list(df.columns) == list(csv.columns)
    assert len(df) == len(csv) == 3973
    for col in ["symbol", "window_start_ns", "trades", "volume", "notional", "open", "high", "low", "close"]:
        assert (df[col].to_numpy() == csv[col].to_numpy()).all(), col
    assert np.allclose(df["vwap"], csv["vwap"], rtol=1e-12, atol=6e-7)  # the CSV rounds to six decimals


def _lobster(sample, symbol, kind):
    (path,) = glob.glob(os.path.join(sample / "lobster", f"{symbol}_*_0_86400000_{kind}_5.csv"))
    return pd.read_csv(path, header=None)


def test_lobster_last_book_row_is_the_engines_top_of_book_for_every_symbol(sample):
    vwap = pd.read_csv(pd.io.common.StringIO(tj("vwap", "--state", sample / "state", "--format", "csv").stdout),
                       keep_default_na=False, dtype={"symbol": str})
    assert len(vwap) == 40
    for row in vwap.itertuples():
        messages = _lobster(sample, row.symbol, "message")
        book = _lobster(sample, row.symbol, "orderbook")
        assert len(messages) == len(book) > 0
        assert book.shape[1] == 20, "5 levels of ask price, ask size, bid price, bid size"
        ask_price, ask_size, bid_price, bid_size = book.iloc[-1, :4]
        assert (ask_price, ask_size) == ((row.ask_price, row.ask_size) if row.ask_price else (9999999999, 0))
        assert (bid_price, bid_size) == ((row.bid_price, row.bid_size) if row.bid_price else (-9999999999, 0))


def test_lobster_messages_follow_the_published_conventions(sample):
    j = Journal(sample / "journal")
    m = _lobster(sample, "AAPL", "message")
    book = _lobster(sample, "AAPL", "orderbook")
    assert set(m[1]) <= {1, 2, 3, 4, 5, 6, 7}
    assert set(m[5]) <= {-1, 1}
    assert (m[0].diff().dropna() >= 0).all(), "time in seconds after midnight, in order"
    # submissions are the symbol's adds (A and F) and the new orders of its replaces
    a = j.to_pandas("A")
    f = j.to_pandas("F")
    adds = pd.concat([a, f]).sort_values("index")
    adds = adds[adds["symbol"] == "AAPL"]
    subs = m[m[1] == 1]
    assert len(subs) == len(adds) + _replaces(j, "AAPL")
    first_add = adds.iloc[0]
    row = subs.iloc[0]
    assert row[2] == first_add["order_ref"] and row[3] == first_add["shares"] and row[4] == first_add["price"]
    assert row[5] == (1 if first_add["side"] == "B" else -1)
    assert abs(row[0] - first_add["timestamp"] / 1e9) < 1e-6
    # asks ascend and bids descend across levels where both are present
    for lvl in range(4):
        ask, nxt = book[4 * lvl], book[4 * (lvl + 1)]
        assert ((ask < nxt) | (nxt == 9999999999)).all()
        bid, nbid = book[4 * lvl + 2], book[4 * (lvl + 1) + 2]
        assert ((bid > nbid) | (nbid == -9999999999)).all()


def _replaces(j, symbol):
    u = j.to_pandas("U")
    return int((u["symbol"] == symbol).sum())
