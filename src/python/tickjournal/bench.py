"""Reader throughput: messages/s from opening a journal to every message type decoded into numpy.

    PYTHONPATH=src/python /usr/bin/python3 -m tickjournal.bench JOURNAL [--runs 3]

Each run opens the journal afresh (walks every cycle file), counts the messages and decodes every
type present into its structured array; once with CRC32C verification, once without. Prints each
run and the median, by the wall clock and per CPU second of the process (the second is less
disturbed by other work on a shared machine, but is not the wall-clock rate), and how much of the
CPU time was the kernel's ("sys"): mostly zero-filling the fresh pages of the result arrays
(about 87 bytes per message). On a virtual machine whose host backs guest memory lazily and takes
freed memory back (free page reporting), first touching a page costs far more than reusing one
(1.5 - 4 s per GiB measured on the project's machine, against 0.15 s), so that part varies from
run to run with the machine's memory history, not with the reader. A benchmark, not a test: run
it on a quiet machine, with the journal in the page cache (the first run warms it). With
--loops native,numpy it alternates runs with the native loops and with the numpy ones (native.py)
and prints the median of the pairs' ratios.

    PYTHONPATH=src/python /usr/bin/python3 -m tickjournal.bench JOURNAL --symbol AAPL

reads instead, once, in this fresh process, the messages of one symbol of the order and trade
types (A F E C X D U P) with messages(t, symbols=[...]): prints the time to open (walk) the
journal, to read its symbol table, and to read the eight types, and the peak anonymous memory
(RssAnon: the process's own) and mapped file pages (RssFile) sampled every 20 ms. It uses the
journal's index by stock locate when there is a fresh one (index.py; --index-dir DIR where it is
not in the journal), and walks the journal instead with --no-index.
"""

import argparse
import contextlib
import os
import statistics
import threading
import time

from . import native
from .journal import Journal


def run_once(path, verify):
    c0 = time.process_time()
    s0 = os.times().system
    t0 = time.perf_counter()
    j = Journal(path, verify_checksums=verify)
    t1 = time.perf_counter()
    counts = j.counts()
    for t in counts:
        j.messages(t)
    t2 = time.perf_counter()
    return sum(counts.values()), t1 - t0, t2 - t1, time.process_time() - c0, os.times().system - s0


ONE_SYMBOL_TYPES = "AFECXDUP"


class _PeakRss(threading.Thread):
    """Samples RssAnon and RssFile (kB) of this process every 20 ms until stopped: their peaks."""

    def __init__(self):
        threading.Thread.__init__(self, name="tickjournal-rss", daemon=True)
        self.peak = {"RssAnon": 0, "RssFile": 0}
        self.stop = threading.Event()

    def sample(self):
        with open("/proc/self/status") as f:
            for line in f:
                key, _sep, value = line.partition(":")
                if key in self.peak:
                    self.peak[key] = max(self.peak[key], int(value.split()[0]))

    def run(self):
        while not self.stop.wait(0.02):
            self.sample()


def one_symbol(path, symbols, index=True, index_dir=None):
    """The messages of `symbols` of ONE_SYMBOL_TYPES, timed, in this process (with the index when
    `index` and there is one); prints one line."""
    from . import query
    rss = _PeakRss()
    rss.sample()
    rss.start()
    c0 = time.process_time()
    t0 = time.perf_counter()
    j = Journal(path, index=index, index_dir=index_dir)
    t1 = time.perf_counter()
    indexed = sum(len(s) for s in j._segments if s.index is not None)
    query.symbol_table(j)
    t2 = time.perf_counter()
    n = sum(len(j.messages(t, symbols=symbols)) for t in ONE_SYMBOL_TYPES)
    t3 = time.perf_counter()
    cpu = time.process_time() - c0
    rss.stop.set()
    rss.join()
    rss.sample()
    print(f"{','.join(symbols)}: {n:,} messages of {ONE_SYMBOL_TYPES} among {len(j):,} records "
          f"({indexed:,} of them indexed): open + walk "
          f"{t1 - t0:.2f} s, symbol table {t2 - t1:.2f} s, the {len(ONE_SYMBOL_TYPES)} types {t3 - t2:.2f} s, "
          f"total {t3 - t0:.2f} s ({cpu:.2f} s CPU); peak RssAnon {rss.peak['RssAnon'] / 1024:.0f} MB, "
          f"RssFile {rss.peak['RssFile'] / 1024:.0f} MB")


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m tickjournal.bench", description=__doc__.splitlines()[0])
    ap.add_argument("journal")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--loops",
                    help="native (the default; numpy where it cannot be built), numpy, or native,numpy: both, "
                         "runs alternated, and the median of the pairs' ratios")
    ap.add_argument("--symbol", help="read one symbol's order and trade messages instead (SYM[,SYM...])")
    ap.add_argument("--no-index", action="store_true", help="with --symbol: walk the journal, not its index")
    ap.add_argument("--index-dir", help="with --symbol: where the index is (default: JOURNAL/.tickjournal-index)")
    args = ap.parse_args(argv)
    if args.symbol:
        one_symbol(args.journal, args.symbol.split(","), not args.no_index, args.index_dir)
        return
    loops = args.loops.split(",") if args.loops else ["native" if native.lib() is not None else "numpy"]
    if not set(loops) <= {"native", "numpy"}:
        ap.error(f"--loops: native and/or numpy, got {args.loops!r}")
    if "native" in loops and native.lib() is None:
        ap.error("--loops native: the native loops cannot be built here")
    print(f"{args.journal}: {', '.join(loops)} ({native.describe() if 'native' in loops else 'numpy loops'})")
    run_once(args.journal, False)  # page cache and imports
    for verify in (False, True):
        rates = {name: [] for name in loops}
        cpu_rates = {name: [] for name in loops}
        for i in range(args.runs):
            for name in loops:  # alternated, when both
                with native.disabled() if name == "numpy" else contextlib.nullcontext():
                    n, walk, decode, cpu, system = run_once(args.journal, verify)
                rates[name].append(n / (walk + decode))
                cpu_rates[name].append(n / cpu)
                print(f"verify_checksums={verify!s:5} {name:6} run {i + 1}: {n:,} messages, walk {walk:.3f} s, "
                      f"decode {decode:.3f} s, {rates[name][-1] / 1e6:.2f} M msg/s ({cpu:.3f} s CPU, "
                      f"{system:.2f} s of it sys: {cpu_rates[name][-1] / 1e6:.2f} M msg/s per CPU second)")
        for name in loops:
            print(f"verify_checksums={verify!s:5} {name:6} median: {statistics.median(rates[name]) / 1e6:.2f} M "
                  f"msg/s ({statistics.median(cpu_rates[name]) / 1e6:.2f} M per CPU second)")
        if len(loops) == 2:
            ratios = [a / b for a, b in zip(rates[loops[0]], rates[loops[1]])]
            print(f"verify_checksums={verify!s:5} {loops[0]} / {loops[1]}, median of the pairs' ratios: "
                  f"{statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
