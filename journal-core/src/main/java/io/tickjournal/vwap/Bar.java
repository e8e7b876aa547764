package io.tickjournal.vwap;

/**
 * One symbol's counted trades in one tumbling window: a reused flyweight handed to a
 * {@link BarListener}, read-only outside this package.
 *
 * <p>Units: prices (open, high, low, close) are ITCH 4-decimal integers; notional is the exact
 * sum of price x shares in the same 4-decimal unit; the window start is ITCH event time in
 * nanoseconds since midnight. VWAP is {@code notional / volume / 10^4}, derived by readers.
 */
public final class Bar {
    int locate;
    long windowStartNs;
    long trades;
    long volume;
    long notional;
    long open;
    long high;
    long low;
    long close;

    Bar() {
    }

    /** Stock locate of the symbol. */
    public int locate() {
        return locate;
    }

    /** Start of the window, ns since midnight: a multiple of the window length. */
    public long windowStartNs() {
        return windowStartNs;
    }

    /** Counted trades in the window (at least 1). */
    public long trades() {
        return trades;
    }

    /** Sum of shares. */
    public long volume() {
        return volume;
    }

    /** Sum of price x shares, exact. */
    public long notional() {
        return notional;
    }

    /** Price of the window's first counted trade (in processing order). */
    public long open() {
        return open;
    }

    /** Highest traded price. */
    public long high() {
        return high;
    }

    /** Lowest traded price. */
    public long low() {
        return low;
    }

    /** Price of the window's last counted trade (in processing order). */
    public long close() {
        return close;
    }

    /** Appends a one-line dump (allocation-free apart from the builder's growth). */
    public StringBuilder appendTo(StringBuilder out) {
        return out.append("Bar{locate=").append(locate)
            .append(", windowStartNs=").append(windowStartNs)
            .append(", trades=").append(trades)
            .append(", volume=").append(volume)
            .append(", notional=").append(notional)
            .append(", open=").append(open)
            .append(", high=").append(high)
            .append(", low=").append(low)
            .append(", close=").append(close)
            .append('}');
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(160)).toString();
    }
}
