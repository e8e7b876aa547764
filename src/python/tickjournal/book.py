"""One symbol's order book at an ITCH time, rebuilt from its order messages (Records.book).

The book after a set of events does not depend on their order within it (ITCH order references
are unique in a day; an order is added once, reduced by executions and cancels, and removed by a
delete or a replace), so it is computed with array operations instead of an event loop:

- orders: the adds (A, F) and the new orders of replaces (U), each with its shares and price;
  a replace's new order takes the side of the order it replaces (resolved in rounds, for chains);
- reduced: the shares of executions (E, C) and cancels (X) summed per reference;
- removed: the references deleted (D) or replaced (U's original reference);
- live: orders not removed with shares left, summed per (side, price) into levels.

Events on references that are not in the book (added before what is read, or not at all) are
left out, as the LOBSTER export leaves them out. The result is LOBSTER's orderbook layout as a
table: level 1 = best, ITCH integer prices (dollars x 10^4).
"""

import numpy as np

from . import query


def _u(a, name):
    return a[name].astype(np.int64)


def order_book(records, symbol, at=None, levels=10):
    """DataFrame level, bid_price, bid_size, ask_price, ask_size of `symbol` after every event with
    timestamp <= at (None: all read); `levels` rows, 0 price and size where a side has no such level."""
    import pandas as pd
    if levels < 1:
        raise ValueError(f"levels must be at least 1, got {levels}")
    end = None if at is None else query.parse_time(at) + 1
    get = {t: records.messages(t, symbols=[symbol], end=end) for t in "AFUECXD"}
    adds = [get["A"], get["F"]]
    u = get["U"]
    refs = np.concatenate([_u(a, "order_ref") for a in adds] + [_u(u, "new_order_ref")])
    shares = np.concatenate([_u(a, "shares") for a in adds] + [_u(u, "shares")])
    price = np.concatenate([_u(a, "price") for a in adds] + [_u(u, "price")])
    buy = np.concatenate([a["side"] == b"B" for a in adds] + [np.zeros(len(u), bool)])
    known = np.concatenate([np.ones(len(refs) - len(u), bool), np.zeros(len(u), bool)])
    order = np.argsort(refs, kind="stable")
    refs, shares, price, buy, known = refs[order], shares[order], price[order], buy[order], known[order]

    def find(r):
        """Positions of references r in refs, -1 where absent."""
        pos = np.searchsorted(refs, r)
        pos = np.minimum(pos, max(len(refs) - 1, 0))
        hit = (refs[pos] == r) if len(refs) else np.zeros(len(r), bool)
        return np.where(hit, pos, -1)

    # a replace's new order has the side of the order it replaces: resolve in rounds (chains)
    old, new = find(_u(u, "order_ref")), find(_u(u, "new_order_ref"))
    pending = (old >= 0) & (new >= 0)
    while pending.any():
        ready = pending & known[np.maximum(old, 0)]
        if not ready.any():
            break
        buy[new[ready]] = buy[old[ready]]
        known[new[ready]] = True
        pending &= ~ready
    removed = np.zeros(len(refs), bool)
    removed[old[old >= 0]] = True
    d = find(_u(get["D"], "order_ref"))
    removed[d[d >= 0]] = True
    reduced = np.zeros(len(refs), np.int64)
    for t in "ECX":
        pos = find(_u(get[t], "order_ref"))
        np.add.at(reduced, pos[pos >= 0], _u(get[t], "shares")[pos >= 0])
    left = shares - reduced
    live = ~removed & known & (left > 0)
    out = pd.DataFrame({"level": np.arange(1, levels + 1)})
    for side, is_buy, descending in (("bid", True, True), ("ask", False, False)):
        m = live & (buy == is_buy)
        px, inverse = np.unique(price[m], return_inverse=True)
        size = np.bincount(inverse, weights=left[m], minlength=len(px)).astype(np.int64)
        if descending:
            px, size = px[::-1], size[::-1]
        p, s = np.zeros(levels, np.int64), np.zeros(levels, np.int64)
        n = min(levels, len(px))
        p[:n], s[:n] = px[:n], size[:n]
        out[side + "_price"], out[side + "_size"] = p, s
    return out
