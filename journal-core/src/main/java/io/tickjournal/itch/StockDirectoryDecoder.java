package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** R Stock Directory (39 bytes): one per symbol at the start of the day. */
public final class StockDirectoryDecoder extends ItchMessageDecoder {
    @Override
    public StockDirectoryDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(STOCK_DIRECTORY_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Market category: one ASCII byte at offset 19. */
    public byte marketCategory() {
        return byteAt(STOCK_DIRECTORY_MARKET_CATEGORY_OFFSET);
    }

    /** Financial status indicator: one ASCII byte at offset 20. */
    public byte financialStatusIndicator() {
        return byteAt(STOCK_DIRECTORY_FINANCIAL_STATUS_INDICATOR_OFFSET);
    }

    /** Round lot size: 4 bytes at offset 21, unsigned. */
    public long roundLotSize() {
        return u32(STOCK_DIRECTORY_ROUND_LOT_SIZE_OFFSET);
    }

    /** Round lots only: one ASCII byte at offset 25. */
    public byte roundLotsOnly() {
        return byteAt(STOCK_DIRECTORY_ROUND_LOTS_ONLY_OFFSET);
    }

    /** Issue classification: one ASCII byte at offset 26. */
    public byte issueClassification() {
        return byteAt(STOCK_DIRECTORY_ISSUE_CLASSIFICATION_OFFSET);
    }

    /** The 2 raw bytes of the Alpha(2) issue sub-type, big-endian. */
    public long issueSubType() {
        return alpha(STOCK_DIRECTORY_ISSUE_SUB_TYPE_OFFSET, STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
    }

    /** {@link #issueSubType()} as text, trailing spaces left out. Allocates. */
    public String issueSubTypeAsString() {
        return Symbols.toString(issueSubType(), STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
    }

    /** Authenticity: one ASCII byte at offset 29. */
    public byte authenticity() {
        return byteAt(STOCK_DIRECTORY_AUTHENTICITY_OFFSET);
    }

    /** Short sale threshold indicator: one ASCII byte at offset 30. */
    public byte shortSaleThresholdIndicator() {
        return byteAt(STOCK_DIRECTORY_SHORT_SALE_THRESHOLD_INDICATOR_OFFSET);
    }

    /** Ipo flag: one ASCII byte at offset 31. */
    public byte ipoFlag() {
        return byteAt(STOCK_DIRECTORY_IPO_FLAG_OFFSET);
    }

    /** Luld reference price tier: one ASCII byte at offset 32. */
    public byte luldReferencePriceTier() {
        return byteAt(STOCK_DIRECTORY_LULD_REFERENCE_PRICE_TIER_OFFSET);
    }

    /** Etp flag: one ASCII byte at offset 33. */
    public byte etpFlag() {
        return byteAt(STOCK_DIRECTORY_ETP_FLAG_OFFSET);
    }

    /** Etp leverage factor: 4 bytes at offset 34, unsigned. */
    public long etpLeverageFactor() {
        return u32(STOCK_DIRECTORY_ETP_LEVERAGE_FACTOR_OFFSET);
    }

    /** Inverse indicator: one ASCII byte at offset 38. */
    public byte inverseIndicator() {
        return byteAt(STOCK_DIRECTORY_INVERSE_INDICATOR_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "marketCategory", marketCategory());
        appendChar(sb, "financialStatusIndicator", financialStatusIndicator());
        appendLong(sb, "roundLotSize", roundLotSize());
        appendChar(sb, "roundLotsOnly", roundLotsOnly());
        appendChar(sb, "issueClassification", issueClassification());
        appendAlpha(sb, "issueSubType", issueSubType(), STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
        appendChar(sb, "authenticity", authenticity());
        appendChar(sb, "shortSaleThresholdIndicator", shortSaleThresholdIndicator());
        appendChar(sb, "ipoFlag", ipoFlag());
        appendChar(sb, "luldReferencePriceTier", luldReferencePriceTier());
        appendChar(sb, "etpFlag", etpFlag());
        appendLong(sb, "etpLeverageFactor", etpLeverageFactor());
        appendChar(sb, "inverseIndicator", inverseIndicator());
    }
}
