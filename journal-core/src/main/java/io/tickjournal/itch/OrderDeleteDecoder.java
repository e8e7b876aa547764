package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/** D Order Delete (19 bytes): the rest of a resting order removed. */
public final class OrderDeleteDecoder extends ItchMessageDecoder {
    @Override
    public OrderDeleteDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Order reference number: 8 bytes at offset 11, unsigned. */
    public long orderReferenceNumber() {
        return i64(ORDER_DELETE_REFERENCE_NUMBER_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "orderReferenceNumber", orderReferenceNumber());
    }
}
