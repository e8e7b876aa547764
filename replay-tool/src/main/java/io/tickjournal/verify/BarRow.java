package io.tickjournal.verify;

/**
 * One closed bar as verify compares it: the fields of a {@code bars --format csv} row, plus the
 * locate (bar stream order is window start, then locate).
 */
public record BarRow(String symbol, int locate, long windowStartNs, long trades, long volume, long notional,
                     long open, long high, long low, long close) {

    /** The fields, named, that differ from {@code other}, or "" when equal. */
    public String differences(BarRow other) {
        StringBuilder sb = new StringBuilder();
        SymbolRow.diff(sb, "symbol", symbol, other.symbol);
        SymbolRow.diff(sb, "locate", locate, other.locate);
        SymbolRow.diff(sb, "window_start_ns", windowStartNs, other.windowStartNs);
        SymbolRow.diff(sb, "trades", trades, other.trades);
        SymbolRow.diff(sb, "volume", volume, other.volume);
        SymbolRow.diff(sb, "notional", notional, other.notional);
        SymbolRow.diff(sb, "open", open, other.open);
        SymbolRow.diff(sb, "high", high, other.high);
        SymbolRow.diff(sb, "low", low, other.low);
        SymbolRow.diff(sb, "close", close, other.close);
        return sb.toString();
    }
}
