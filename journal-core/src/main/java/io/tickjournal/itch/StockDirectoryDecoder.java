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

    public String stockAsString() {
        return Symbols.toString(stock());
    }

    public byte marketCategory() {
        return byteAt(STOCK_DIRECTORY_MARKET_CATEGORY_OFFSET);
    }

    public byte financialStatusIndicator() {
        return byteAt(STOCK_DIRECTORY_FINANCIAL_STATUS_INDICATOR_OFFSET);
    }

    public long roundLotSize() {
        return u32(STOCK_DIRECTORY_ROUND_LOT_SIZE_OFFSET);
    }

    public byte roundLotsOnly() {
        return byteAt(STOCK_DIRECTORY_ROUND_LOTS_ONLY_OFFSET);
    }

    public byte issueClassification() {
        return byteAt(STOCK_DIRECTORY_ISSUE_CLASSIFICATION_OFFSET);
    }

    /** The 2 raw bytes of the Alpha(2) issue sub-type, big-endian. */
    public long issueSubType() {
        return alpha(STOCK_DIRECTORY_ISSUE_SUB_TYPE_OFFSET, STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
    }

    public String issueSubTypeAsString() {
        return Symbols.toString(issueSubType(), STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
    }

    public byte authenticity() {
        return byteAt(STOCK_DIRECTORY_AUTHENTICITY_OFFSET);
    }

    public byte shortSaleThresholdIndicator() {
        return byteAt(STOCK_DIRECTORY_SHORT_SALE_THRESHOLD_INDICATOR_OFFSET);
    }

    public byte ipoFlag() {
        return byteAt(STOCK_DIRECTORY_IPO_FLAG_OFFSET);
    }

    public byte luldReferencePriceTier() {
        return byteAt(STOCK_DIRECTORY_LULD_REFERENCE_PRICE_TIER_OFFSET);
    }

    public byte etpFlag() {
        return byteAt(STOCK_DIRECTORY_ETP_FLAG_OFFSET);
    }

    public long etpLeverageFactor() {
        return u32(STOCK_DIRECTORY_ETP_LEVERAGE_FACTOR_OFFSET);
    }

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
