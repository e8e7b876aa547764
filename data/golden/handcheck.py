#!/usr/bin/env python3
"""Lists one symbol's counted trades in an ITCH 5.0 BinaryFILE, to check golden rows by hand.

A third, throwaway reading of the VWAP rules of docs/architecture.md (standard library only, its own
parsing at the spec's byte offsets; no project code):

    python3 data/golden/handcheck.py data/sample/sample.itch.gz SYMBOL [WINDOW_START_NS]

prints every counted trade of SYMBOL (E at the resting order's price, C only when printable,
P, Q with shares > 0) and every broken trade (B) that takes one back out, then the session
totals and VWAP; with WINDOW_START_NS, the trades of that 100 ms bar and its open/high/low/close.
Totals are exact integers; VWAP = notional / volume / 10^4.
"""
import gzip
import struct
import sys


def messages(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    p = 0
    while p + 2 <= len(data):
        (n,) = struct.unpack_from(">H", data, p)
        yield data[p + 2:p + 2 + n]
        p += 2 + n


def ts(m):
    return (struct.unpack_from(">H", m, 5)[0] << 32) | struct.unpack_from(">I", m, 7)[0]


def main(argv):
    args = argv[1:]
    window_ns = 100_000_000  # the default 100 ms bars
    path, symbol = args[0], args[1]
    bar_start = int(args[2]) if len(args) > 2 else None
    locate = None
    orders = {}  # ref -> [locate, price, shares]
    broken = set()  # match numbers already broken: a second B for one is ignored
    trades = []  # (time, type, match, price, shares, sign)
    for m in messages(path):
        t = chr(m[0])
        loc = struct.unpack_from(">H", m, 1)[0]
        if t == "R" and m[11:19].decode().strip() == symbol:
            locate = loc
        elif t in "AF":
            ref, price, shares = struct.unpack_from(">Q", m, 11)[0], struct.unpack_from(">I", m, 32)[0], struct.unpack_from(">I", m, 20)[0]
            orders.setdefault(ref, [loc, price, shares])
        elif t in "EC":
            ref, shares, match = struct.unpack_from(">QIQ", m, 11)
            o = orders.get(ref)
            if o is not None:
                o[2] -= min(shares, o[2])
            if t == "E" and o is not None and o[0] == locate:
                trades.append((ts(m), t, match, o[1], shares, 1))
            elif t == "C" and m[31:32] == b"Y" and (o[0] if o else loc) == locate:
                trades.append((ts(m), t, match, struct.unpack_from(">I", m, 32)[0], shares, 1))
        elif t == "X":
            ref, shares = struct.unpack_from(">QI", m, 11)
            if ref in orders:
                orders[ref][2] -= min(shares, orders[ref][2])
        elif t == "D":
            orders.pop(struct.unpack_from(">Q", m, 11)[0], None)
        elif t == "U":
            old, new, shares, price = struct.unpack_from(">QQII", m, 11)
            o = orders.pop(old, None)
            if o is not None:
                orders.setdefault(new, [o[0], price, shares])
        elif t == "P" and loc == locate:
            trades.append((ts(m), t, struct.unpack_from(">Q", m, 36)[0], struct.unpack_from(">I", m, 32)[0],
                           struct.unpack_from(">I", m, 20)[0], 1))
        elif t == "Q" and loc == locate and struct.unpack_from(">Q", m, 11)[0] > 0:
            trades.append((ts(m), t, struct.unpack_from(">Q", m, 31)[0], struct.unpack_from(">I", m, 27)[0],
                           struct.unpack_from(">Q", m, 11)[0], 1))
        elif t == "B":
            match = struct.unpack_from(">Q", m, 11)[0]
            hit = [x for x in trades if x[2] == match and x[5] == 1 and match not in broken]
            if hit:
                broken.add(match)
                trades.append((ts(m), "B", match, hit[0][3], hit[0][4], -1))
    if locate is None:
        sys.exit(f"{symbol}: not in the stock directory of {path}")
    print(f"{symbol} (locate {locate}): counted trades and breaks")
    print("time_ns,type,match,price,shares")
    for t in trades:
        print(f"{t[0]},{t[1]},{t[2]},{t[3]},{t[4] * t[5]}")
    n = sum(t[5] for t in trades)
    volume = sum(t[4] * t[5] for t in trades)
    notional = sum(t[3] * t[4] * t[5] for t in trades)
    print(f"session: trades {n}, volume {volume}, notional {notional}, vwap {notional / volume / 10_000:.6f}")
    if bar_start is not None:
        bar = [t for t in trades if t[5] == 1 and bar_start <= t[0] < bar_start + window_ns]
        v = sum(t[4] for t in bar)
        x = sum(t[3] * t[4] for t in bar)
        print(f"bar {bar_start}: trades {len(bar)}, volume {v}, notional {x}, vwap {x / v / 10_000:.6f}, "
              f"open {bar[0][3]}, high {max(t[3] for t in bar)}, low {min(t[3] for t in bar)}, close {bar[-1][3]}")


if __name__ == "__main__":
    main(sys.argv)
