package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchTradeLayout.*;

/** B Broken Trade (19 bytes): the execution with this match number was broken. */
public final class BrokenTradeDecoder extends ItchMessageDecoder {
    @Override
    public BrokenTradeDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Match number: 8 bytes at offset 11, unsigned. */
    public long matchNumber() {
        return i64(BROKEN_TRADE_MATCH_NUMBER_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "matchNumber", matchNumber());
    }
}
