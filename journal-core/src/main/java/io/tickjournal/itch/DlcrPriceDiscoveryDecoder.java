package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchTradeLayout.*;

/** O Direct Listing with Capital Raise Price Discovery (48 bytes). */
public final class DlcrPriceDiscoveryDecoder extends ItchMessageDecoder {
    @Override
    public DlcrPriceDiscoveryDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(DLCR_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** 'N' not eligible, 'Y' eligible. */
    public byte openEligibilityStatus() {
        return byteAt(DLCR_OPEN_ELIGIBILITY_STATUS_OFFSET);
    }

    /** Price(4). */
    public long minimumAllowablePrice() {
        return u32(DLCR_MINIMUM_ALLOWABLE_PRICE_OFFSET);
    }

    /** Price(4). */
    public long maximumAllowablePrice() {
        return u32(DLCR_MAXIMUM_ALLOWABLE_PRICE_OFFSET);
    }

    /** Price(4). */
    public long nearExecutionPrice() {
        return u32(DLCR_NEAR_EXECUTION_PRICE_OFFSET);
    }

    /** Nanoseconds (8 bytes). */
    public long nearExecutionTime() {
        return i64(DLCR_NEAR_EXECUTION_TIME_OFFSET);
    }

    /** Price(4). */
    public long lowerPriceRangeCollar() {
        return u32(DLCR_LOWER_PRICE_RANGE_COLLAR_OFFSET);
    }

    /** Price(4). */
    public long upperPriceRangeCollar() {
        return u32(DLCR_UPPER_PRICE_RANGE_COLLAR_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "openEligibilityStatus", openEligibilityStatus());
        appendPrice(sb, "minimumAllowablePrice", minimumAllowablePrice());
        appendPrice(sb, "maximumAllowablePrice", maximumAllowablePrice());
        appendPrice(sb, "nearExecutionPrice", nearExecutionPrice());
        appendLong(sb, "nearExecutionTime", nearExecutionTime());
        appendPrice(sb, "lowerPriceRangeCollar", lowerPriceRangeCollar());
        appendPrice(sb, "upperPriceRangeCollar", upperPriceRangeCollar());
    }
}
