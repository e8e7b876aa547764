package io.tickjournal.verify;

/**
 * One symbol's state as verify compares it: the fields of a {@code vwap --format csv} row (and of
 * the state map's record, without its bookkeeping fields). Prices are ITCH 4-decimal integers;
 * 0 for an empty book side or before the first trade.
 */
public record SymbolRow(String symbol, int locate, long trades, long volume, long notional, long lastPrice,
                        long bidPrice, long bidSize, long askPrice, long askSize) {

    /** The fields, named, that differ from {@code other} ("volume 100 != 101, ..."), or "" when equal. */
    public String differences(SymbolRow other) {
        StringBuilder sb = new StringBuilder();
        diff(sb, "symbol", symbol, other.symbol);
        diff(sb, "trades", trades, other.trades);
        diff(sb, "volume", volume, other.volume);
        diff(sb, "notional", notional, other.notional);
        diff(sb, "last_price", lastPrice, other.lastPrice);
        diff(sb, "bid_price", bidPrice, other.bidPrice);
        diff(sb, "bid_size", bidSize, other.bidSize);
        diff(sb, "ask_price", askPrice, other.askPrice);
        diff(sb, "ask_size", askSize, other.askSize);
        return sb.toString();
    }

    static void diff(StringBuilder sb, String name, Object mine, Object theirs) {
        if (!mine.equals(theirs)) {
            sb.append(sb.length() == 0 ? "" : ", ").append(name).append(' ').append(mine).append(" != ").append(theirs);
        }
    }
}
