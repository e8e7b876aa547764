package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/** C Order Executed With Price (36 bytes): a resting order executed at a price other than its own. */
public final class OrderExecutedWithPriceDecoder extends OrderExecutedDecoder {
    @Override
    public OrderExecutedWithPriceDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** 'Y' printable (counts toward volume) or 'N' non-printable. */
    public byte printable() {
        return byteAt(ORDER_EXECUTED_WITH_PRICE_PRINTABLE_OFFSET);
    }

    /** Price(4), unsigned 32-bit. */
    public long executionPrice() {
        return u32(ORDER_EXECUTED_WITH_PRICE_EXECUTION_PRICE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        super.appendBody(sb);
        appendChar(sb, "printable", printable());
        appendPrice(sb, "executionPrice", executionPrice());
    }
}
