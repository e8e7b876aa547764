"""Many journals (many days) as one Dask DataFrame, read in parallel on a Dask cluster.

    from tickjournal import dask as tjd
    client = tjd.client()                      # a LocalCluster of 2 workers on 127.0.0.1
    trades = tjd.read(["/data/2026-12-01", "/data/2026-12-02"], "P", symbols=["AAPL"])
    trades.groupby("symbol")["shares"].sum().compute()

One partition per cycle file (a FAST_DAILY cycle is a day), read by a worker with the plain reader
(tickjournal.Journal's code: the same columns as to_pandas, the same filters); the partitions of
a journal are in cycle order and the journals in the order given. Needs Debian's python3-dask and
python3-distributed.
"""

import os

import numpy as np

from .chunks import Budget, walk_chunks
from .framing import CycleFile, JournalError
from .journal import Records, _cycle_files, _out_dtype, _Segment, to_frame
from . import query


class _OneCycle(Records):
    """The records of one cycle file, read in one walk, for a partition (checksums as given)."""

    @property
    def _journal(self):  # its own journal, as a Journal is (no reference cycle)
        return self

    def __init__(self, path, cycle, verify_checksums):
        self.verify_checksums = verify_checksums
        cf = CycleFile(path, cycle)
        chunks, _state = walk_chunks(cf, Budget())
        segs = [_Segment(cf, chunks, 0)] if chunks else []
        Records.__init__(self, self, segs)


def _partition(part, mtype, symbols, start, end, verify):
    path, cycle = part
    return to_frame(query.select(_OneCycle(path, cycle, verify), mtype, symbols, start, end))


def partitions(paths):
    """(cycle file, cycle number) of every journal in `paths`, in order: the partitions of read()."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    for p in paths:
        files = _cycle_files(os.fspath(p))  # JournalError naming a missing directory
        if not files:
            raise JournalError(f"{p}: no cycle files (.cq4) in the journal directory")
        out += [(f, c) for c, f in files]
    return out


_default_client = None


def read(paths, mtype, symbols=None, start=None, end=None, verify_checksums=True, scheduler=None):
    """A dask.dataframe of the messages of type `mtype` in the journal directories `paths`, one
    partition per cycle file, with the columns of Journal.to_pandas(mtype) and the same filters
    (symbols, start, end: see Journal.messages). Lazy; computed on the cluster at `scheduler` if
    given, else on the current Dask client, else on a LocalCluster of 2 workers started on first
    use (client()) and kept for the process."""
    global _default_client
    import dask.dataframe as dd
    from distributed import get_client
    Records.dtype(mtype)  # KeyError naming an unknown type
    query.parse_time(start), query.parse_time(end)  # a bad time fails here, not on a worker
    parts = partitions(paths)
    if scheduler is not None:
        client(scheduler)  # becomes the default client
    else:
        try:
            get_client()
        except ValueError:  # no client yet
            _default_client = client()
    meta = to_frame(np.empty(0, _out_dtype(mtype)[0]))
    return dd.from_map(_partition, parts, mtype=mtype, symbols=symbols, start=start, end=end,
                       verify=verify_checksums, meta=meta, enforce_metadata=False)


def client(scheduler=None, n_workers=2, threads_per_worker=1):
    """A distributed.Client: of the cluster at `scheduler` ("tcp://host:port") if given, else of a
    new LocalCluster of `n_workers` worker processes on 127.0.0.1 (ephemeral ports, no dashboard).
    Close it (client.close(); client.cluster.close() for a local one) when done."""
    from distributed import Client, LocalCluster
    if scheduler is not None:
        return Client(scheduler)
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=threads_per_worker, host="127.0.0.1",
                           dashboard_address=None, scheduler_port=0)
    return Client(cluster)


__all__ = ["read", "client", "partitions"]
