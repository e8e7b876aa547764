package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** K IPO Quoting Period Update (28 bytes). */
public final class IpoQuotingPeriodUpdateDecoder extends ItchMessageDecoder {
    @Override
    public IpoQuotingPeriodUpdateDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(IPO_QUOTING_PERIOD_UPDATE_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Seconds since midnight. */
    public long ipoQuotationReleaseTime() {
        return u32(IPO_QUOTING_PERIOD_UPDATE_RELEASE_TIME_OFFSET);
    }

    /** 'A' anticipated release time, 'C' IPO release canceled or postponed. */
    public byte ipoQuotationReleaseQualifier() {
        return byteAt(IPO_QUOTING_PERIOD_UPDATE_RELEASE_QUALIFIER_OFFSET);
    }

    /** Price(4). */
    public long ipoPrice() {
        return u32(IPO_QUOTING_PERIOD_UPDATE_IPO_PRICE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendLong(sb, "ipoQuotationReleaseTime", ipoQuotationReleaseTime());
        appendChar(sb, "ipoQuotationReleaseQualifier", ipoQuotationReleaseQualifier());
        appendPrice(sb, "ipoPrice", ipoPrice());
    }
}
