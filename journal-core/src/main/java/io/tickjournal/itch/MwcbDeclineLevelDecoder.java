package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** V MWCB Decline Level (35 bytes): the three market-wide circuit breaker levels, Price(8) (8 implied decimals). */
public final class MwcbDeclineLevelDecoder extends ItchMessageDecoder {
    @Override
    public MwcbDeclineLevelDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Price(8). */
    public long level1() {
        return i64(MWCB_DECLINE_LEVEL_LEVEL1_OFFSET);
    }

    /** Price(8). */
    public long level2() {
        return i64(MWCB_DECLINE_LEVEL_LEVEL2_OFFSET);
    }

    /** Price(8). */
    public long level3() {
        return i64(MWCB_DECLINE_LEVEL_LEVEL3_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendPrice8(sb, "level1", level1());
        appendPrice8(sb, "level2", level2());
        appendPrice8(sb, "level3", level3());
    }
}
