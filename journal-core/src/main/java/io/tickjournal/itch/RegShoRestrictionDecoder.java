package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** Y Reg SHO Short Sale Price Test Restricted Indicator (20 bytes). */
public final class RegShoRestrictionDecoder extends ItchMessageDecoder {
    @Override
    public RegShoRestrictionDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(REG_SHO_RESTRICTION_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** '0' no test, '1' restriction in effect (intra-day drop), '2' restriction remains. */
    public byte regShoAction() {
        return byteAt(REG_SHO_RESTRICTION_ACTION_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "regShoAction", regShoAction());
    }
}
