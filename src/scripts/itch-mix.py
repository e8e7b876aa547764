#!/usr/bin/python3
"""The order-flow mix of an ITCH 5.0 file, to compare a generated day with real bytes.

    /usr/bin/python3 src/scripts/itch-mix.py FILE [FILE ...]      (.gz read as gzip)

Standard library only, its own parsing at the spec's offsets. Takes each message's length from
its type (so it also reads files whose 2-byte length prefixes are zero, as RITCH's example is).
Prints per file: messages per type (share of the order-flow messages A F E C X D U P), the share
of order-flow messages in each phase (pre-market 04:00-09:30, regular 09:30-16:00, post-market),
how added orders ended (deleted, fully executed, still live at the end), the share of E/C that
were partial fills, and order lifetimes (add to the delete or last fill) at the 10/50/90th
percentile.
"""
import gzip
import struct
import sys

LENGTHS = {"S": 12, "R": 39, "H": 25, "Y": 20, "L": 26, "V": 35, "W": 12, "K": 28, "J": 35, "h": 21,
           "A": 36, "F": 40, "E": 31, "C": 36, "X": 23, "D": 19, "U": 35, "P": 44, "Q": 40, "B": 19,
           "I": 50, "N": 20, "O": 48}
FLOW = "AFECXDUP"
HOUR = 3600 * 10**9


def messages(data):
    p = 0
    while p + 3 <= len(data):
        t = chr(data[p + 2])
        n = LENGTHS.get(t)
        if n is None:
            raise SystemExit(f"unknown message type {t!r} at byte {p + 2}")
        yield data[p + 2:p + 2 + n]
        p += 2 + n


def ts(m):
    return (struct.unpack_from(">H", m, 5)[0] << 32) | struct.unpack_from(">I", m, 7)[0]


def pct(q, xs):
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0


def report(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    counts = {}
    phases = [0, 0, 0]
    born = {}  # ref -> (time, shares left)
    ended = {"D": 0, "E": 0}
    partial = fills = 0
    lifetimes = []
    for m in messages(data):
        t = chr(m[0])
        counts[t] = counts.get(t, 0) + 1
        if t not in FLOW:
            continue
        now = ts(m)
        phases[0 if now < 9.5 * HOUR else 1 if now < 16 * HOUR else 2] += 1
        if t in "AF":
            born[struct.unpack_from(">Q", m, 11)[0]] = [now, struct.unpack_from(">I", m, 20)[0]]
        elif t in "EC":
            ref, shares = struct.unpack_from(">QI", m, 11)
            fills += 1
            o = born.get(ref)
            if o is not None:
                o[1] -= shares
                if o[1] > 0:
                    partial += 1
                else:
                    ended["E"] += 1
                    lifetimes.append(now - o[0])
                    del born[ref]
        elif t == "X":
            ref, shares = struct.unpack_from(">QI", m, 11)
            if ref in born:
                born[ref][1] -= shares
        elif t in "DU":
            o = born.pop(struct.unpack_from(">Q", m, 11)[0], None)
            if o is not None:
                ended["D"] += 1  # a U retires the old reference: counted with the deletes
                lifetimes.append(now - o[0])
            if t == "U":
                new_ref, shares = struct.unpack_from(">QI", m, 19)
                born[new_ref] = [now, shares]
    flow = sum(counts.get(t, 0) for t in FLOW) or 1
    total = sum(counts.values())
    print(f"{path}: {total:,} messages, {flow:,} order-flow (A F E C X D U P)")
    print("  " + "  ".join(f"{t} {counts.get(t, 0):,} ({100 * counts.get(t, 0) / flow:.1f}%)" for t in FLOW))
    print("  other: " + " ".join(f"{t} {n:,}" for t, n in sorted(counts.items()) if t not in FLOW))
    print(f"  phase: pre {100 * phases[0] / flow:.1f}%  regular {100 * phases[1] / flow:.1f}%"
          f"  post {100 * phases[2] / flow:.1f}%")
    ends = ended["D"] + ended["E"] + len(born) or 1
    print(f"  orders ended: deleted or replaced {100 * ended['D'] / ends:.1f}%  fully executed"
          f" {100 * ended['E'] / ends:.1f}%  live at the end {100 * len(born) / ends:.1f}%;"
          f" partial fills {100 * partial / (fills or 1):.1f}% of E/C")
    lifetimes.sort()
    print("  lifetime p10 %.3f s  p50 %.3f s  p90 %.3f s" % tuple(pct(q, lifetimes) / 1e9 for q in (0.1, 0.5, 0.9)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: itch-mix.py FILE [FILE ...]")
    for arg in sys.argv[1:]:
        report(arg)
