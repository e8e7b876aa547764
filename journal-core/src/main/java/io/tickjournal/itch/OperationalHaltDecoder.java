package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** h Operational Halt (21 bytes). */
public final class OperationalHaltDecoder extends ItchMessageDecoder {
    @Override
    public OperationalHaltDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(OPERATIONAL_HALT_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** 'Q' NASDAQ, 'B' BX, 'X' PSX. */
    public byte marketCode() {
        return byteAt(OPERATIONAL_HALT_MARKET_CODE_OFFSET);
    }

    /** 'H' halted, 'T' halt lifted. */
    public byte operationalHaltAction() {
        return byteAt(OPERATIONAL_HALT_ACTION_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "marketCode", marketCode());
        appendChar(sb, "operationalHaltAction", operationalHaltAction());
    }
}
