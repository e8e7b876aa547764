package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** H Stock Trading Action (25 bytes): halted, paused, quotation only or trading. */
public final class StockTradingActionDecoder extends ItchMessageDecoder {
    @Override
    public StockTradingActionDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(STOCK_TRADING_ACTION_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** 'H' halted, 'P' paused, 'Q' quotation only, 'T' trading. */
    public byte tradingState() {
        return byteAt(STOCK_TRADING_ACTION_TRADING_STATE_OFFSET);
    }

    /** Reserved: one ASCII byte at offset 20. */
    public byte reserved() {
        return byteAt(STOCK_TRADING_ACTION_RESERVED_OFFSET);
    }

    /** The 4 raw bytes of the Alpha(4) reason, big-endian. */
    public long reason() {
        return alpha(STOCK_TRADING_ACTION_REASON_OFFSET, STOCK_TRADING_ACTION_REASON_LENGTH);
    }

    /** {@link #reason()} as text, trailing spaces left out. Allocates. */
    public String reasonAsString() {
        return Symbols.toString(reason(), STOCK_TRADING_ACTION_REASON_LENGTH);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "tradingState", tradingState());
        appendChar(sb, "reserved", reserved());
        appendAlpha(sb, "reason", reason(), STOCK_TRADING_ACTION_REASON_LENGTH);
    }
}
