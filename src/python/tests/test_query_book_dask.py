"""Filters, batches and the order book against the plain reader, the engine and the LOBSTER export;
the Dask reader on a LocalCluster of 2 workers; the package installed into a venv."""

import glob
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, tj
from tickjournal import Journal
from tickjournal.query import parse_time


def _same(a, b):
    """Equal named fields, row by row (the unnamed bytes, CRC and header, are the journal's)."""
    return len(a) == len(b) and all((a[n] == b[n]).all() for n in a.dtype.names)


def test_time_strings_and_their_errors():
    assert parse_time("09:30") == 34_200 * 10**9
    assert parse_time("9:30:01.5") == 34_201_500_000_000
    assert parse_time("16:00:00.000000001") == 57_600 * 10**9 + 1
    assert parse_time(123) == 123 and parse_time(None) is None
    for bad in ("9h30", "25:00", "09:61", -1):
        with pytest.raises(ValueError):
            parse_time(bad)


@pytest.mark.parametrize("mtype", ["A", "E", "P", "U", "R"])
def test_filters_read_exactly_the_messages_a_mask_of_the_whole_read_keeps(sample, mtype):
    j = Journal(sample / "journal")
    whole = j.messages(mtype)
    lo, hi = parse_time("09:30"), parse_time("10:15:30.5")
    for symbols, start, end in ((["AAPL"], None, None), (["MSFT", "NVDA"], "09:30", "10:15:30.5"),
                                (None, lo, hi), ("AAPL", None, "12:00"), ([], None, None)):
        keep = np.ones(len(whole), bool)
        if symbols is not None:
            keep &= np.isin(whole["symbol"], [symbols.encode()] if isinstance(symbols, str) else
                            [s.encode() for s in symbols])
        if start is not None:
            keep &= whole["timestamp"] >= parse_time(start)
        if end is not None:
            keep &= whole["timestamp"] < parse_time(end)
        got = j.messages(mtype, symbols=symbols, start=start, end=end)
        assert _same(got, whole[keep]), (symbols, start, end)
    assert len(j.messages(mtype, symbols=["AAPL"])) > 0 or mtype == "R"
    frame = j.to_pandas(mtype, symbols=["AAPL"], start="09:30")
    assert (frame["symbol"] == "AAPL").all() and (frame["timestamp"] >= 34_200 * 10**9).all()


def test_batches_have_at_most_n_rows_and_together_are_the_filtered_read(sample):
    j = Journal(sample / "journal")
    batches = list(j.iter_batches("A", rows=1000, start="09:30", end="16:00"))
    assert len(batches) > 5 and max(len(b) for b in batches) == 1000
    joined = np.concatenate(batches)
    assert _same(joined, j.messages("A", start="09:30", end="16:00"))
    assert sum(len(b) for b in j.iter_batches("E", rows=7, symbols=["AAPL"])) == len(j.messages("E", symbols="AAPL"))
    with pytest.raises(ValueError):
        next(j.iter_batches("A", rows=0))


def _lobster(sample, symbol, kind):
    (path,) = glob.glob(os.path.join(sample / "lobster", f"{symbol}_*_0_86400000_{kind}_5.csv"))
    return pd.read_csv(path, header=None, dtype={0: str} if kind == "message" else None)


def _lobster_book(row):
    """A LOBSTER orderbook row as (bid_price, bid_size, ask_price, ask_size) per level, fillers as 0."""
    out = []
    for lvl in range(5):
        ap, asz, bp, bsz = (int(x) for x in row[4 * lvl:4 * lvl + 4])
        out.append((0 if bp == -9999999999 else bp, bsz, 0 if ap == 9999999999 else ap, asz))
    return out


def _rows(book):
    return [tuple(int(x) for x in r) for r in book[["bid_price", "bid_size", "ask_price", "ask_size"]].to_numpy()]


def test_book_at_the_end_is_the_engines_top_of_book_and_the_lobster_export_for_every_symbol(sample):
    j = Journal(sample / "journal")
    vwap = pd.read_csv(pd.io.common.StringIO(tj("vwap", "--state", sample / "state", "--format", "csv").stdout),
                       keep_default_na=False, dtype={"symbol": str})
    assert len(vwap) == 40
    for row in vwap.itertuples():
        book = j.book(row.symbol, levels=5)
        assert list(book.columns) == ["level", "bid_price", "bid_size", "ask_price", "ask_size"]
        assert list(book["level"]) == [1, 2, 3, 4, 5]
        assert _rows(book)[0] == (row.bid_price, row.bid_size, row.ask_price, row.ask_size), row.symbol
        assert _rows(book) == _lobster_book(_lobster(sample, row.symbol, "orderbook").iloc[-1]), row.symbol


def _ns(text):
    sec, _, frac = text.partition(".")
    return int(sec) * 10**9 + int(frac.ljust(9, "0"))


def test_book_at_a_time_of_the_day_is_the_lobster_row_of_the_last_event_up_to_it(sample):
    j = Journal(sample / "journal")
    for symbol in ("AAPL", "MSFT"):
        messages = _lobster(sample, symbol, "message")
        books = _lobster(sample, symbol, "orderbook")
        times = np.array([_ns(t) for t in messages[0]])
        for at in (times[len(times) // 3], times[len(times) // 2] + 1, parse_time("10:00")):
            last = int(np.searchsorted(times, at, "right")) - 1
            want = _lobster_book(books.iloc[last]) if last >= 0 else [(0, 0, 0, 0)] * 5
            assert _rows(j.book(symbol, at=int(at), levels=5)) == want, (symbol, at)


def test_dask_on_a_local_cluster_of_two_workers_reads_two_journals_as_the_plain_reader(sample, generated):
    from tickjournal import dask as tjd
    client = tjd.client(n_workers=2)
    try:
        assert len(client.scheduler_info()["workers"]) == 2
        paths = [sample / "journal", generated / "journal"]
        df = tjd.read(paths, "A")
        assert df.npartitions == 2
        got = df.compute().reset_index(drop=True)
        want = pd.concat([Journal(p).to_pandas("A") for p in paths], ignore_index=True)
        pd.testing.assert_frame_equal(got, want)
        some = tjd.read(paths, "E", symbols=["AAPL"], start="09:30").compute().reset_index(drop=True)
        want = pd.concat([Journal(p).to_pandas("E", symbols=["AAPL"], start="09:30") for p in paths],
                         ignore_index=True)
        pd.testing.assert_frame_equal(some, want)
        assert len(some) > 0
    finally:
        client.close()
        client.cluster.close()


def test_the_package_installs_offline_into_a_venv_and_imports_from_outside_the_tree(tmp_path, generated):
    # a copy of the source: pip builds in the tree and would leave build/ and *.egg-info there
    src = tmp_path / "src"
    subprocess.run(["cp", "-r", os.path.join(ROOT, "src", "python"), str(src)], check=True)
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--no-build-isolation", "--no-index",
                          str(src)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-2000:]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TICKJOURNAL_NATIVE_CACHE"] = str(tmp_path / "native")  # built from the installed source
    probe = ("import tickjournal, tickjournal.book, tickjournal.dask, numpy; "
             "print(tickjournal.__file__); print(tickjournal.query.parse_time('09:30')); "
             f"print(len(tickjournal.Journal({str(generated / 'journal')!r}).messages('A'))); "
             "print(tickjournal.native.describe().split()[0])")
    p = subprocess.run([str(venv / "bin" / "python"), "-c", probe], capture_output=True, text=True,
                       cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    path, ns, adds, loops = p.stdout.split()
    assert path.startswith(str(venv)) and ns == str(34_200 * 10**9)
    assert int(adds) == len(Journal(generated / "journal").messages("A")) > 0
    if shutil.which("cc"):  # the C source is installed with the package and builds there
        assert loops == "native" and os.listdir(tmp_path / "native"), p.stderr
    assert sys.executable  # the tests themselves run from the tree (PYTHONPATH), not from the venv
