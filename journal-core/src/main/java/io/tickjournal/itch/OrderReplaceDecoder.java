package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/**
 * U Order Replace (35 bytes): the original reference is retired and the new one rests with the same side and stock,
 * new shares and price.
 */
public final class OrderReplaceDecoder extends ItchMessageDecoder {
    @Override
    public OrderReplaceDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Original order reference number: 8 bytes at offset 11, unsigned. */
    public long originalOrderReferenceNumber() {
        return i64(ORDER_REPLACE_ORIGINAL_REFERENCE_NUMBER_OFFSET);
    }

    /** New order reference number: 8 bytes at offset 19, unsigned. */
    public long newOrderReferenceNumber() {
        return i64(ORDER_REPLACE_NEW_REFERENCE_NUMBER_OFFSET);
    }

    /** Shares: 4 bytes at offset 27, unsigned. */
    public long shares() {
        return u32(ORDER_REPLACE_SHARES_OFFSET);
    }

    /** Price(4), unsigned 32-bit. */
    public long price() {
        return u32(ORDER_REPLACE_PRICE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "originalOrderReferenceNumber", originalOrderReferenceNumber());
        appendLong(sb, "newOrderReferenceNumber", newOrderReferenceNumber());
        appendLong(sb, "shares", shares());
        appendPrice(sb, "price", price());
    }
}
