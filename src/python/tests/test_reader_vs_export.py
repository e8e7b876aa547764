"""The reader's decoded values equal `tickjournal export --format csv`, for every message type."""

import numpy as np
import pandas as pd

from tickjournal import Journal, itch


def test_every_type_of_a_generated_day_matches_the_csv_export(generated):
    j = Journal(generated / "journal")
    counts = j.counts()
    assert set(counts) == set(itch.MESSAGES), "the generator writes every ITCH 5.0 type"
    assert sum(counts.values()) == 60000
    for mtype, (name, _length, fields) in itch.MESSAGES.items():
        csv = pd.read_csv(generated / "csv" / f"{name}.csv", dtype=str, keep_default_na=False)
        df = j.to_pandas(mtype)
        assert len(csv) == len(df) == counts[mtype], mtype
        expected_columns = ["index", "receive_time_ns", "sequence", "locate", "tracking", "timestamp", "symbol"]
        assert list(csv.columns) == expected_columns + [f[0] for f in fields], mtype
        for col in csv.columns:
            mine = df[col].astype(str).reset_index(drop=True)
            assert mine.equals(csv[col]), f"{mtype}.{col}: first difference at row " \
                f"{int(np.argmax(mine.values != csv[col].values))}"


def test_prices_come_as_integers_and_floats(generated):
    j = Journal(generated / "journal")
    a = j.messages("A")
    assert len(a) > 1000
    assert np.array_equal(a["price_float"], a["price"] / 1e4)
    v = j.messages("V")
    assert np.array_equal(v["level1_price_float"], v["level1_price"] / 1e8)


def test_message_arrays_are_in_journal_order_with_unique_indexes(generated):
    j = Journal(generated / "journal")
    seqs = np.concatenate([j.messages(t)["sequence"] for t in j.counts()])
    assert np.array_equal(np.sort(seqs), np.arange(1, 60001)), "each feed sequence exactly once"
    e = j.messages("E")
    assert np.all(np.diff(e["index"]) > 0) and np.all(np.diff(e["sequence"]) > 0)


def test_symbols_come_from_the_stock_directory(generated):
    j = Journal(generated / "journal")
    r = j.to_pandas("R")
    by_locate = dict(zip(r["locate"], r["symbol"]))
    e = j.to_pandas("E")
    assert e["symbol"].tolist() == [by_locate[x] for x in e["locate"]]
    a = j.to_pandas("A")
    assert (a["symbol"] == a["stock"]).all()


def test_stats_count_records_by_kind(generated):
    s = Journal(generated / "journal").stats()
    assert s["messages"] == 60000
    assert s["session_starts"] == 1 and s["session_ends"] == 1
    assert s["records"] == 60002
    assert s["malformed"] == s["checksum_failures"] == s["unknown_types"] == s["bad_lengths"] == 0
