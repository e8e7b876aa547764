"""The reader's per-record loops in C (_native.c), compiled on first use and loaded with ctypes.

Why: a whole-type read of a 10 M-message journal with checksums took 1.8 - 2.0 s of CPU in numpy
(screening every word of the file for record headers, chaining them, sorting each window of
records by type, CRC32C by table lookups), which caps it near 10 M msg/s on two CPUs however the
work is spread. The same walk, copy and check one record at a time in C (the CRC with the CPU's
CRC32C instruction where there is one) take a fraction of that.

How: the first use in a process compiles _native.c with the C compiler (``$CC``, else ``cc``;
about a second, once per source version and machine) into a cache directory
(``$TICKJOURNAL_NATIVE_CACHE``, else ``$XDG_CACHE_HOME/tickjournal``, else
``~/.cache/tickjournal``), written to a temporary file and renamed, so processes racing to
build it each see a whole library. No Python headers and no build step at install: the source
ships with the package.

Without a compiler (or with ``TICKJOURNAL_NATIVE=0``) the reader uses its numpy code for the
same work, with one line on stderr saying why the first time (none when disabled on purpose):
the results are the same, record for record (tests/test_native.py compares both on every
fixture, damaged journals included), only slower.
"""

import contextlib
import ctypes
import hashlib
import os
import platform
import subprocess
import sys
import tempfile
import threading

import numpy as np

_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_native.c")

# why tj_walk stopped (see _native.c)
LIMIT, LOOK, ROOM = 0, 1, 2

_lock = threading.Lock()
_loaded = None  # the library once loaded; False when it cannot be (compiler missing or failed)
_off = 0  # > 0 while disabled() is in effect (tests)

_P = ctypes.c_void_p
_I64 = ctypes.c_int64


def _cache_dir():
    d = os.environ.get("TICKJOURNAL_NATIVE_CACHE")
    if d:
        return d
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "tickjournal")


def _build():
    """The path of the compiled library (compiling it if not cached); raises OSError with the
    reason when it cannot be built."""
    with open(_SOURCE, "rb") as f:
        source = f.read()
    cc = os.environ.get("CC", "cc")
    key = hashlib.sha256(source + cc.encode() + platform.machine().encode()).hexdigest()[:16]
    d = _cache_dir()
    path = os.path.join(d, f"native-{key}-{platform.machine()}.so")
    if os.path.exists(path):
        return path
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(".so", "native-", d)
    os.close(fd)
    try:
        cmd = [cc, "-O2", "-shared", "-fPIC", "-o", tmp, _SOURCE]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as e:
            raise OSError(f"{cc}: {e}") from None
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["exit code %d" % done.returncode])[0]
            raise OSError(f"{cc} failed: {first}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _load():
    lib = ctypes.CDLL(_build())
    lib.tj_walk.argtypes = (_P, _I64, _I64, _I64, _P, _P, _P, _P, _I64, _P, _P, _P)
    lib.tj_walk.restype = _I64
    lib.tj_touch.argtypes = (_P, _I64, _I64, _P)
    lib.tj_touch.restype = ctypes.c_uint64
    lib.tj_crc_rows.argtypes = (_P, _I64, _I64, _I64, _P)
    lib.tj_crc_rows.restype = None
    for f in (lib.tj_crc32c, lib.tj_crc32c_table):
        f.argtypes = (_P, _I64)
        f.restype = ctypes.c_uint32
    lib.tj_crc_hardware.argtypes = ()
    lib.tj_crc_hardware.restype = ctypes.c_int
    lib.tj_decode.argtypes = (_P, _I64, _I64, _I64, _P, _I64, _P, _P, _P, _P, _P, _P, _P)
    lib.tj_decode.restype = _I64
    return lib


def lib():
    """The loaded C library, or None: disabled (TICKJOURNAL_NATIVE=0, or inside disabled()), or it
    could not be built (said once on stderr)."""
    global _loaded
    if _off or os.environ.get("TICKJOURNAL_NATIVE", "1") == "0":
        return None
    if _loaded is None:
        with _lock:
            if _loaded is None:
                try:
                    _loaded = _load()
                except OSError as e:
                    print(f"tickjournal: reading with numpy only (slower): no native loops: {e}",
                          file=sys.stderr)
                    _loaded = False
    return _loaded or None


def describe():
    """One line for benchmarks: which loops a read uses."""
    native = lib()
    if native is None:
        return "numpy loops"
    return "native loops (CRC32C " + ("instruction" if native.tj_crc_hardware() else "by table") + ")"


@contextlib.contextmanager
def disabled():
    """Within the block, this process reads with the numpy loops (for tests and A/B runs)."""
    global _off
    _off += 1
    try:
        yield
    finally:
        _off -= 1


def address(a):
    """The address of numpy array a's first element (for the C calls)."""
    return a.ctypes.data


def crc_rows(native, rows, length):
    """Per row of `rows` ((n, width) uint8, rows contiguous, width >= length): whether the stored
    CRC32C (bytes 0..3) is that of bytes [4, length)."""
    ok = np.empty(len(rows), bool)
    if len(rows):
        native.tj_crc_rows(address(rows), rows.strides[0], len(rows), length, address(ok))
    return ok
