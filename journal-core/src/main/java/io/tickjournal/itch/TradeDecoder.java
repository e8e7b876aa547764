package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.STOCK_LENGTH;
import static io.tickjournal.itch.ItchTradeLayout.*;

/** P Trade, non-cross (44 bytes): an execution against a non-displayed order. */
public final class TradeDecoder extends ItchMessageDecoder {
    @Override
    public TradeDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Order reference number: 8 bytes at offset 11, unsigned. */
    public long orderReferenceNumber() {
        return i64(TRADE_REFERENCE_NUMBER_OFFSET);
    }

    /** 'B' or 'S'. */
    public byte buySellIndicator() {
        return byteAt(TRADE_BUY_SELL_INDICATOR_OFFSET);
    }

    /** Shares: 4 bytes at offset 20, unsigned. */
    public long shares() {
        return u32(TRADE_SHARES_OFFSET);
    }

    /** The 8 raw ASCII bytes of the symbol at offset 24, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(TRADE_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Price(4), unsigned 32-bit. */
    public long price() {
        return u32(TRADE_PRICE_OFFSET);
    }

    /** Match number: 8 bytes at offset 36, unsigned. */
    public long matchNumber() {
        return i64(TRADE_MATCH_NUMBER_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendLong(sb, "orderReferenceNumber", orderReferenceNumber());
        appendChar(sb, "buySellIndicator", buySellIndicator());
        appendLong(sb, "shares", shares());
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendPrice(sb, "price", price());
        appendLong(sb, "matchNumber", matchNumber());
    }
}
