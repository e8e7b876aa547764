package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/**
 * E Order Executed (31 bytes): a resting order executed, in whole or in part, at its own price.
 * C (executed with price) starts with the same fields and extends this decoder.
 */
public class OrderExecutedDecoder extends ItchMessageDecoder {
    @Override
    public OrderExecutedDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Order reference number: 8 bytes at offset 11, unsigned. */
    public long orderReferenceNumber() {
        return i64(ORDER_EXECUTED_REFERENCE_NUMBER_OFFSET);
    }

    /** Executed shares: 4 bytes at offset 19, unsigned. */
    public long executedShares() {
        return u32(ORDER_EXECUTED_EXECUTED_SHARES_OFFSET);
    }

    /** Match number: 8 bytes at offset 23, unsigned. */
    public long matchNumber() {
        return i64(ORDER_EXECUTED_MATCH_NUMBER_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "orderReferenceNumber", orderReferenceNumber());
        appendLong(sb, "executedShares", executedShares());
        appendLong(sb, "matchNumber", matchNumber());
    }
}
