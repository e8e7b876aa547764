package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchTradeLayout.*;

/** N Retail Price Improvement Indicator (20 bytes). */
public final class RpiiDecoder extends ItchMessageDecoder {
    @Override
    public RpiiDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(RPII_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** 'B' buy side, 'S' sell side, 'A' both, 'N' none. */
    public byte interestFlag() {
        return byteAt(RPII_INTEREST_FLAG_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "interestFlag", interestFlag());
    }
}
