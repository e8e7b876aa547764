package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchOrderLayout.*;

/**
 * A Add Order, no MPID attribution (36 bytes); also the base of {@link AddOrderMpidDecoder} (F), whose first 36 bytes
 * are the same.
 */
public class AddOrderDecoder extends ItchMessageDecoder {
    @Override
    public AddOrderDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Order reference number: 8 bytes at offset 11, unsigned. */
    public long orderReferenceNumber() {
        return i64(ADD_ORDER_REFERENCE_NUMBER_OFFSET);
    }

    /** 'B' buy or 'S' sell. */
    public byte buySellIndicator() {
        return byteAt(ADD_ORDER_BUY_SELL_INDICATOR_OFFSET);
    }

    /** Shares: 4 bytes at offset 20, unsigned. */
    public long shares() {
        return u32(ADD_ORDER_SHARES_OFFSET);
    }

    /** The 8 raw ASCII bytes of the symbol packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(ADD_ORDER_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Price(4), unsigned 32-bit. */
    public long price() {
        return u32(ADD_ORDER_PRICE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "orderReferenceNumber", orderReferenceNumber());
        appendChar(sb, "buySellIndicator", buySellIndicator());
        appendLong(sb, "shares", shares());
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendPrice(sb, "price", price());
    }
}
