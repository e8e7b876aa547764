package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchTradeLayout.*;

/** I Net Order Imbalance Indicator (50 bytes). */
public final class NoiiDecoder extends ItchMessageDecoder {
    @Override
    public NoiiDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Paired shares: 8 bytes at offset 11, unsigned. */
    public long pairedShares() {
        return i64(NOII_PAIRED_SHARES_OFFSET);
    }

    /** Imbalance shares: 8 bytes at offset 19, unsigned. */
    public long imbalanceShares() {
        return i64(NOII_IMBALANCE_SHARES_OFFSET);
    }

    /** 'B' buy, 'S' sell, 'N' none, 'O' insufficient orders. */
    public byte imbalanceDirection() {
        return byteAt(NOII_IMBALANCE_DIRECTION_OFFSET);
    }

    /** The 8 raw ASCII bytes of the symbol at offset 28, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(NOII_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Price(4). */
    public long farPrice() {
        return u32(NOII_FAR_PRICE_OFFSET);
    }

    /** Price(4). */
    public long nearPrice() {
        return u32(NOII_NEAR_PRICE_OFFSET);
    }

    /** Price(4). */
    public long currentReferencePrice() {
        return u32(NOII_CURRENT_REFERENCE_PRICE_OFFSET);
    }

    /** 'O' opening, 'C' closing, 'H' halt/IPO. */
    public byte crossType() {
        return byteAt(NOII_CROSS_TYPE_OFFSET);
    }

    /** Price variation indicator: one ASCII byte at offset 49. */
    public byte priceVariationIndicator() {
        return byteAt(NOII_PRICE_VARIATION_INDICATOR_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "pairedShares", pairedShares());
        appendLong(sb, "imbalanceShares", imbalanceShares());
        appendChar(sb, "imbalanceDirection", imbalanceDirection());
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendPrice(sb, "farPrice", farPrice());
        appendPrice(sb, "nearPrice", nearPrice());
        appendPrice(sb, "currentReferencePrice", currentReferencePrice());
        appendChar(sb, "crossType", crossType());
        appendChar(sb, "priceVariationIndicator", priceVariationIndicator());
    }
}
