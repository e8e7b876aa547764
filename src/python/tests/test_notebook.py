"""The example notebook runs top to bottom headless, and its VWAP equality cell asserts."""

import os
import subprocess
import sys

import nbformat

from conftest import ROOT

NOTEBOOK = os.path.join(ROOT, "src", "notebooks", "post_trade.ipynb")


def test_post_trade_notebook_executes_and_its_vwap_matches_the_engine(tmp_path):
    out = tmp_path / "post_trade.ipynb"
    env = dict(os.environ, TICKJOURNAL_NOTEBOOK_DIR=str(tmp_path / "work"), TICKJOURNAL_HOME=ROOT)
    p = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                        "--ExecutePreprocessor.timeout=600", NOTEBOOK, "--output", str(out)],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stderr[-3000:]
    nb = nbformat.read(str(out), as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "VWAP EQUAL: pandas and `tickjournal vwap` agree exactly" in text
    assert "DASK EQUAL" in text, "the multi-day VWAP through Dask equals the plain reader's"
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4, "session, depth, slippage, days"
    assert (tmp_path / "work" / "journal").is_dir(), "built its own journal from the bundled sample"
