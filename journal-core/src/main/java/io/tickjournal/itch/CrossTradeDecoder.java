package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchTradeLayout.*;

/** Q Cross Trade (40 bytes). Shares is 8 bytes in ITCH 5.0 (juncture 1.0.0 wrongly reads 4). */
public final class CrossTradeDecoder extends ItchMessageDecoder {
    @Override
    public CrossTradeDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** 8-byte share count; 0 when the cross did not execute. */
    public long shares() {
        return i64(CROSS_TRADE_SHARES_OFFSET);
    }

    /** The 8 raw ASCII bytes of the symbol at offset 19, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(CROSS_TRADE_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Price(4), unsigned 32-bit. */
    public long crossPrice() {
        return u32(CROSS_TRADE_CROSS_PRICE_OFFSET);
    }

    /** Match number: 8 bytes at offset 31, unsigned. */
    public long matchNumber() {
        return i64(CROSS_TRADE_MATCH_NUMBER_OFFSET);
    }

    /** 'O' opening, 'C' closing, 'H' halt/IPO, 'I' intraday (extended trading close). */
    public byte crossType() {
        return byteAt(CROSS_TRADE_CROSS_TYPE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "shares", shares());
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendPrice(sb, "crossPrice", crossPrice());
        appendLong(sb, "matchNumber", matchNumber());
        appendChar(sb, "crossType", crossType());
    }
}
