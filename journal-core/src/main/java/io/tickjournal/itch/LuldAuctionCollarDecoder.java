package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** J LULD Auction Collar (35 bytes). */
public final class LuldAuctionCollarDecoder extends ItchMessageDecoder {
    @Override
    public LuldAuctionCollarDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 8 raw ASCII bytes of the symbol at offset 11, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(LULD_AUCTION_COLLAR_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Price(4). */
    public long auctionCollarReferencePrice() {
        return u32(LULD_AUCTION_COLLAR_REFERENCE_PRICE_OFFSET);
    }

    /** Price(4). */
    public long upperAuctionCollarPrice() {
        return u32(LULD_AUCTION_COLLAR_UPPER_PRICE_OFFSET);
    }

    /** Price(4). */
    public long lowerAuctionCollarPrice() {
        return u32(LULD_AUCTION_COLLAR_LOWER_PRICE_OFFSET);
    }

    /** Auction collar extension: 4 bytes at offset 31, unsigned. */
    public long auctionCollarExtension() {
        return u32(LULD_AUCTION_COLLAR_EXTENSION_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendPrice(sb, "auctionCollarReferencePrice", auctionCollarReferencePrice());
        appendPrice(sb, "upperAuctionCollarPrice", upperAuctionCollarPrice());
        appendPrice(sb, "lowerAuctionCollarPrice", lowerAuctionCollarPrice());
        appendLong(sb, "auctionCollarExtension", auctionCollarExtension());
    }
}
