package io.tickjournal.state;

import io.tickjournal.itch.Symbols;

/** One emitted bar as read back from the bars queue (see {@link BarRecordLayout}). */
public record BarRecord(long windowStartNs, int locate, long stock, long trades, long volume, long notional,
                        long open, long high, long low, long close) {

    /** The trimmed symbol text. */
    public String symbol() {
        return Symbols.toString(stock);
    }
}
