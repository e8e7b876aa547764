"""An incomplete state (issue 19): read_bars warns on stderr as `vwap`/`bars` do, and still reads."""
import os

from tickjournal.journal import read_bars, state_warning


def _meta(tmp_path, text):
    os.makedirs(tmp_path / "bars", exist_ok=True)
    (tmp_path / "state.properties").write_text(text)


def test_stopped_replay_is_named_with_its_index(tmp_path, capsys):
    _meta(tmp_path, "complete=false\njournal=/j\nstopped_at_index=89300960763822\nwindow_ms=100\n")
    assert state_warning(tmp_path) == "incomplete state (replay stopped at index 89300960763822)"
    assert len(read_bars(tmp_path)) == 0
    assert f"tickjournal: warning: {tmp_path}: incomplete state (replay stopped at index 89300960763822)" \
        in capsys.readouterr().err


def test_missing_properties_and_running_replay_warn(tmp_path):
    os.makedirs(tmp_path / "bars")
    assert state_warning(tmp_path).startswith("incomplete state (no state.properties")
    _meta(tmp_path, "complete=false\njournal=/j\n")
    assert state_warning(tmp_path) == "incomplete state (replay stopped before its end: still running, or killed)"


def test_complete_and_capture_states_do_not_warn(tmp_path, capsys):
    _meta(tmp_path, "complete=true\ndigest=ab\n")
    assert state_warning(tmp_path) is None
    _meta(tmp_path, "clean_shutdown=true\ncheckpoint_index=5\n")
    assert state_warning(tmp_path) is None
    read_bars(tmp_path)
    assert capsys.readouterr().err == ""
