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


@pytest.fixture(params=["native", "numpy"])
def loops(request):
    """The reader's per-record loops for the test: "native" (C, tickjournal/native.py; skipped where
    it cannot be built, which test_native.py checks does not happen where there is a compiler) or
    "numpy" (the same work in numpy)."""
    from tickjournal import native
    if request.param == "numpy":
        with native.disabled():
            yield request.param
    else:
        if native.lib() is None:
            pytest.skip("the native loops cannot be built here")
        yield request.param


@pytest.fixture
def numpy_loops():
    """The numpy loops for the test (tests of the numpy walk's own machinery: screens, budgets)."""
    from tickjournal import native
    with native.disabled():
        yield
