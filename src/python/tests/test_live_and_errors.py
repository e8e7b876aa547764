"""Live reading (a journal appended to between reads) and bad input (clear errors naming file and offset)."""

import os
import re
import shutil

import numpy as np
import pytest

from conftest import tj
from tickjournal import Journal, JournalError


def _all_sequences(records):
    return np.concatenate([records.messages(t)["sequence"] for t in records.counts()])


def _cycle_file(journal):
    files = [f for f in os.listdir(journal) if f.endswith(".cq4")]
    assert len(files) == 1
    return os.path.join(journal, files[0])


def test_a_journal_appended_to_between_two_reads_returns_each_message_once(tmp_path, loops):
    tj("generate", "--out", tmp_path / "a.itch", "--symbols", "5", "--messages", "3000", "--seed", "1")
    tj("generate", "--out", tmp_path / "b.itch", "--symbols", "5", "--messages", "2000", "--seed", "2")
    journal = tmp_path / "journal"
    tj("import", "--itch", tmp_path / "a.itch", "--journal", journal)
    j = Journal(journal)
    first = _all_sequences(j)
    assert len(j) == 3002 and len(first) == 3000
    tj("import", "--itch", tmp_path / "b.itch", "--journal", journal)
    new = j.poll()
    second = _all_sequences(new)
    assert len(new) == 2002 and len(second) == 2000
    assert len(j.poll()) == 0, "nothing new: nothing returned"
    assert sum(j.counts().values()) == 5000
    # the two reads together are exactly a fresh read of the whole journal
    fresh = Journal(journal).records()
    both = j.records()
    assert np.array_equal(both, fresh)
    assert len(np.unique(both["index"])) == len(both) == 5004


def _doc_header_offsets(journal):
    j = Journal(journal)
    return j, np.concatenate([s.offsets for s in j._segments]) - 4


@pytest.mark.parametrize("how", ["not_complete", "nothing_written"])
def test_reading_stops_at_a_document_being_written_and_continues_later(sample, tmp_path, how, loops):
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    full, headers = _doc_header_offsets(journal)
    path = _cycle_file(journal)
    cut = int(headers[40000])
    end = int(headers[-1]) + 4 + 28  # past the last record (session end: empty payload)
    with open(path, "r+b") as f:
        f.seek(cut)
        saved = f.read(end - cut)
        f.seek(cut)
        f.write(b"\0" * (end - cut))  # the writer has not got here yet
        if how == "not_complete":
            f.seek(cut)
            f.write((0x80000000 | 64).to_bytes(4, "little"))  # ... or is writing this document
    j = Journal(journal)
    assert len(j) == 40000
    if how == "not_complete":
        assert j.incomplete_tail() == (path, cut)
        with pytest.raises(JournalError, match=re.escape(f"{path}: offset {cut}: incomplete document")):
            j.require_complete()
    else:
        assert j.incomplete_tail() is None
    with open(path, "r+b") as f:  # the writer finishes
        f.seek(cut)
        f.write(saved)
    rest = j.poll()
    assert len(rest) == len(full) - 40000
    assert np.array_equal(j.records(), full.records())
    assert j.counts() == full.counts()


def test_a_truncated_cycle_file_is_an_error_naming_file_and_offset(sample, tmp_path, loops):
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    _full, headers = _doc_header_offsets(journal)
    path = _cycle_file(journal)
    p = int(headers[50000])
    os.truncate(path, p + 20)  # in the middle of a record
    with pytest.raises(JournalError, match=re.escape(f"{path}: offset {p}: document of ")) as e:
        Journal(journal)
    assert "truncated" in str(e.value)


def test_a_file_that_is_not_a_cycle_file_is_an_error(tmp_path):
    journal = tmp_path / "journal"
    journal.mkdir()
    path = journal / "20261122F.cq4"
    path.write_bytes(b"symbol,price\nAAPL,1\n" * 100)
    with pytest.raises(JournalError, match=re.escape(f"{path}: offset 0: not a Chronicle Queue cycle file")):
        Journal(journal)


def test_a_cycle_file_of_a_foreign_name_or_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(JournalError, match="no such journal directory"):
        Journal(tmp_path / "nope")
    (tmp_path / "j").mkdir()
    (tmp_path / "j" / "queue.cq4").write_bytes(b"\0" * 64)
    with pytest.raises(JournalError, match=re.escape(f"{tmp_path / 'j' / 'queue.cq4'}: offset 0: not a FAST_DAILY")):
        Journal(tmp_path / "j")


def test_corrupt_and_malformed_records_are_counted_and_left_out(sample, tmp_path, loops):
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    full, headers = _doc_header_offsets(journal)
    path = _cycle_file(journal)
    recs = full.records()
    adds = np.flatnonzero(recs["type"] == b"A")
    corrupt, malformed = int(adds[100]), int(adds[200])
    n_adds = len(full.messages("A"))  # decoded now: the arrays are copies, the journal is mapped
    with open(path, "r+b") as f:
        f.seek(int(headers[corrupt]) + 4 + 28 + 20)  # a byte of the shares field
        b = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([b[0] ^ 0x40]))
        f.seek(int(headers[malformed]) + 4 + 5)  # the record version
        f.write(b"\x07")
    j = Journal(journal)
    s = j.stats()
    assert s["checksum_failures"] == 1 and s["malformed"] == 1
    a = j.messages("A")
    assert len(a) == n_adds - 2
    assert recs["sequence"][corrupt] not in a["sequence"]
    assert recs["sequence"][malformed] not in a["sequence"]
    unchecked = Journal(journal, verify_checksums=False)
    assert recs["sequence"][corrupt] in unchecked.messages("A")["sequence"]
    assert unchecked.stats()["checksum_failures"] == 0 and unchecked.stats()["malformed"] == 1
    # the messages kept are decoded as they are without the check, computed columns included
    u = unchecked.messages("A")
    u = u[u["sequence"] != recs["sequence"][corrupt]]
    for name in a.dtype.names:
        assert np.array_equal(a[name], u[name]), name


def test_cycle_files_are_read_in_order_and_an_abandoned_cycle_is_left_for_the_next(sample, tmp_path):
    import datetime
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    path = _cycle_file(journal)
    name = os.path.basename(path)
    day = datetime.datetime.strptime(name[:8], "%Y%m%d").date()
    # the same day's records again in the next day's cycle file; the first cycle has no end marker
    nxt = os.path.join(journal, (day + datetime.timedelta(days=1)).strftime("%Y%m%dF.cq4"))
    shutil.copyfile(path, nxt)
    one = Journal(sample / "journal")
    two = Journal(journal)
    assert two.cycle_files == [path, nxt]
    assert len(two) == 2 * len(one)
    assert two.counts() == {t: 2 * n for t, n in one.counts().items()}
    idx = two.records()["index"]
    cycle = (day - datetime.date(1970, 1, 1)).days
    assert idx[0] == cycle << 32 and idx[len(one)] == (cycle + 1) << 32
    assert np.all(np.diff(idx) > 0)


def test_reading_while_the_journal_is_being_written_returns_each_message_once(tmp_path, loops):
    import subprocess
    import time
    from conftest import TJ
    tj("generate", "--out", tmp_path / "day.itch", "--symbols", "20", "--messages", "300000", "--seed", "9")
    journal = tmp_path / "journal"
    writer = subprocess.Popen([TJ, "import", "--itch", str(tmp_path / "day.itch"), "--journal", str(journal)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while not (journal.is_dir() and any(f.endswith(".cq4") for f in os.listdir(journal))):
            assert writer.poll() is None and time.time() < deadline
            time.sleep(0.01)
        j = Journal(journal)
        batches = [len(j)]
        while writer.poll() is None:
            assert time.time() < deadline
            batches.append(len(j.poll()))
            time.sleep(0.005)
        assert writer.wait() == 0
        batches.append(len(j.poll()))
    finally:
        writer.kill()
    assert sum(batches) == len(j) == 300002
    seqs = np.concatenate([j.messages(t)["sequence"] for t in j.counts()])
    assert np.array_equal(np.sort(seqs), np.arange(1, 300001))
    assert np.array_equal(j.records(), Journal(journal).records())
    print(f"read in {len([b for b in batches if b])} non-empty polls")


@pytest.mark.parametrize("blocks", ["default", "small", "stage_below_window"])
def test_every_checksum_path_leaves_out_exactly_the_corrupt_records(sample, tmp_path, monkeypatch, blocks, loops):
    """Bits flipped in records of the two commonest types, in bytes every record of the journal
    has the same (source id, a receive time high byte) and in ones that vary, in the first and
    the last record of a type: counts() (the staged pass over the whole file), stats() and
    messages() without counts() first (checked as decoded) each leave out exactly those."""
    import tickjournal.journal as tjournal
    if blocks == "small":  # many windows and staging blocks, a record of a type alone in one
        monkeypatch.setattr(tjournal, "_WINDOW", 1000)
        monkeypatch.setattr(tjournal, "_STAGE", 700)
        monkeypatch.setattr(tjournal, "_BLOCK", 3000)
    if blocks == "stage_below_window":  # a type's part of a window fills several staging blocks
        monkeypatch.setattr(tjournal, "_WINDOW", 5000)
        monkeypatch.setattr(tjournal, "_STAGE", 300)
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    full, headers = _doc_header_offsets(journal)
    counts = full.counts()
    recs = full.records()
    common = sorted(counts, key=counts.get)[-2:]
    before = {t: full.messages(t)["sequence"] for t in common}  # decoded now: the journal is mapped
    flips = []  # (record, byte of the record, bit)
    for t in common:
        at = np.flatnonzero(recs["type"] == t.encode())
        flips += [(at[0], 20, 0), (at[-1], 4 + 28 + 10, 7), (at[len(at) // 3], 26, 3),
                  (at[len(at) // 2], 15, 0), (at[2 * len(at) // 3], 28 + 1 + len(at) % 7, 5)]
    with open(_cycle_file(journal), "r+b") as f:
        for rec, byte, bit in flips:
            f.seek(int(headers[rec]) + 4 + byte)
            b = f.read(1)
            f.seek(-1, 1)
            f.write(bytes([b[0] ^ (1 << bit)]))
    bad = {t: {int(recs["sequence"][r]) for r, _b, _x in flips if recs["type"][r] == t.encode()} for t in common}
    j = Journal(journal)
    assert j.counts() == {t: n - len(bad.get(t, ())) for t, n in counts.items()}
    assert j.stats()["checksum_failures"] == len(flips)
    for fresh in (j, Journal(journal)):  # checked by counts(); checked as decoded
        for t in common:
            got, want = fresh.messages(t)["sequence"], before[t]
            assert np.array_equal(got, want[~np.isin(want, list(bad[t]))]), t


def _same_messages(a, b):
    """Two readers give the same counts and the same arrays (computed columns included) per type."""
    assert a.counts() == b.counts()
    for t, n in a.counts().items():
        x, y = a.messages(t), b.messages(t)
        assert len(x) == n and x.dtype == y.dtype and np.array_equal(x, y), t


def test_messages_over_two_reads_of_a_live_journal_equal_a_fresh_read(tmp_path, loops):
    """The one-pass decode is per walk (segment): a journal read in two polls gives every type's
    array joined from both (computed columns included, symbols from both reads' directories),
    equal to a fresh read's, with counts() agreeing with messages()."""
    tj("generate", "--out", tmp_path / "a.itch", "--symbols", "5", "--messages", "3000", "--seed", "1")
    tj("generate", "--out", tmp_path / "b.itch", "--symbols", "7", "--messages", "2000", "--seed", "2")
    for verify in (True, False):
        journal = tmp_path / f"journal-{verify}"
        tj("import", "--itch", tmp_path / "a.itch", "--journal", journal)
        j = Journal(journal, verify_checksums=verify)
        before = {t: j.messages(t) for t in j.counts()}
        tj("import", "--itch", tmp_path / "b.itch", "--journal", journal)
        j.poll()
        assert len(j._segments) == 2
        _same_messages(j, Journal(journal, verify_checksums=verify))
        for t, arr in before.items():  # the first read's messages come first, unchanged but for symbols
            assert np.array_equal(j.messages(t)["index"][:len(arr)], arr["index"]), t


@pytest.mark.parametrize("verify", [True, False])
def test_records_at_the_very_end_of_a_file_are_decoded_from_their_own_bytes(sample, tmp_path, verify, loops):
    """A cycle file ending right after its last record (the one-pass decode's gathers read past
    a record: the last ones are taken from their own bytes), with that last record corrupt:
    left out of exactly its type when verifying; all else as in the whole file."""
    journal = tmp_path / "journal"
    shutil.copytree(sample / "journal", journal)
    ref = Journal(journal, verify_checksums=verify)
    want = {t: ref.messages(t) for t in ref.counts()}
    recs = ref.records()
    last = int(np.flatnonzero(recs["kind"] == b"M")[-1])
    t_last = recs["type"][last].decode()
    end = ref._files[-1].position
    headers = np.concatenate([s.offsets for s in ref._segments]) - 4
    del ref
    path = _cycle_file(journal)
    with open(path, "r+b") as f:
        f.truncate(end)
        f.seek(int(headers[last]) + 4 + 28 + 1)  # the stock locate
        b = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([b[0] ^ 0x10]))
    j = Journal(journal, verify_checksums=verify)
    assert j._files[-1].size == end
    counts = j.counts()
    for t, arr in want.items():
        got = j.messages(t)
        assert counts.get(t, 0) == len(got)
        if t == t_last:
            if verify:
                assert len(got) == len(arr) - 1 and np.array_equal(got, arr[:-1])
            else:
                assert np.array_equal(got[:-1], arr[:-1]) and got["locate"][-1] == arr["locate"][-1] ^ 0x1000
        else:
            assert np.array_equal(got, arr), t
    assert j.stats()["checksum_failures"] == (1 if verify else 0)
