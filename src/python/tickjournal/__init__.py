"""tickjournal for Python: read a tickjournal journal (Chronicle Queue cycle files) with numpy.

    from tickjournal import Journal
    j = Journal("target/demo/journal")
    j.counts()              # {"A": 41234, "E": ...}
    j.messages("E")         # numpy structured array
    j.to_pandas("A")        # pandas DataFrame
    Journal.bars("target/demo/state")

See docs/notebooks.md.
"""

from .framing import JournalError
from .journal import Journal, Records, read_bars
from . import itch

__all__ = ["Journal", "Records", "JournalError", "read_bars", "itch"]
