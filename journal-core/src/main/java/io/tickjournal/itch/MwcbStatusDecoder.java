package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** W MWCB Status (12 bytes): a market-wide circuit breaker level was breached. */
public final class MwcbStatusDecoder extends ItchMessageDecoder {
    @Override
    public MwcbStatusDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** '1', '2' or '3'. */
    public byte breachedLevel() {
        return byteAt(MWCB_STATUS_BREACHED_LEVEL_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendChar(sb, "breachedLevel", breachedLevel());
    }
}
