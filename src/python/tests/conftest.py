"""Fixtures: journals built with the real command line (bin/tickjournal), once per session."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TJ = os.path.join(ROOT, "bin", "tickjournal")
SAMPLE = os.path.join(ROOT, "data", "sample", "sample.itch.gz")
sys.path.insert(0, os.path.join(ROOT, "src", "python"))


def tj(*args, check=True):
    """Runs bin/tickjournal; returns the completed process (stdout, stderr as text)."""
    p = subprocess.run([TJ, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"tickjournal {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
    return p


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """A generated day (every ITCH message type) imported into a journal, and its CSV export."""
    d = tmp_path_factory.mktemp("generated")
    tj("generate", "--out", d / "day.itch", "--symbols", "30", "--messages", "60000", "--seed", "3")
    tj("import", "--itch", d / "day.itch", "--journal", d / "journal")
    tj("export", "--journal", d / "journal", "--out", d / "csv", "--format", "csv")
    return d


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """The bundled sample day: journal, replayed state, and a LOBSTER export of 5 levels."""
    d = tmp_path_factory.mktemp("sample")
    tj("import", "--itch", SAMPLE, "--journal", d / "journal")
    tj("replay", "--journal", d / "journal", "--state", d / "state")
    tj("export", "--journal", d / "journal", "--out", d / "lobster", "--format", "lobster", "--levels", "5")
    return d
