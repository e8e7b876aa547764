package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/** X Order Cancel (23 bytes): part of a resting order cancelled. */
public final class OrderCancelDecoder extends ItchMessageDecoder {
    @Override
    public OrderCancelDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Order reference number: 8 bytes at offset 11, unsigned. */
    public long orderReferenceNumber() {
        return i64(ORDER_CANCEL_REFERENCE_NUMBER_OFFSET);
    }

    /** Cancelled shares: 4 bytes at offset 19, unsigned. */
    public long cancelledShares() {
        return u32(ORDER_CANCEL_CANCELLED_SHARES_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "orderReferenceNumber", orderReferenceNumber());
        appendLong(sb, "cancelledShares", cancelledShares());
    }
}
