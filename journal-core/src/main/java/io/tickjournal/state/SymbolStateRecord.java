package io.tickjournal.state;

import io.tickjournal.itch.Symbols;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * One symbol's live state, as stored in the state map (one fixed-size, 96-byte value per
 * stock locate). Mutable and reusable: readers pass one instance to
 * {@link StateStore#get(int, SymbolStateRecord)} again and again.
 *
 * <pre>
 *  offset  size  field            (little-endian)
 *   0       4    locate
 *   4       4    last_size         shares of the most recent counted trade, unsigned; 0 before
 *                                   (saturates at 2^32-1: only a cross's 8-byte shares could pass it)
 *   8       8    stock, 8 ASCII bytes in order, space padded
 *  16       8    trades            counted trades in the session, less broken ones
 *  24       8    volume            shares
 *  32       8    notional          sum of price x shares, price in ITCH 1/10000 units
 *  40       8    last_price        price of the most recent counted trade, 0 before
 *  48       8    bid_price         best bid, 0 when the side is empty
 *  56       8    bid_size          shares resting at the best bid
 *  64       8    ask_price
 *  72       8    ask_size
 *  80       8    event_time_ns     ITCH timestamp of the last message applied to the symbol
 *  88       8    journal_index     journal index of that message
 * </pre>
 */
public final class SymbolStateRecord implements BytesMarshallable {
    public static final int SIZE = 96;
    /** The largest last_size stored: its field is 4 bytes (an ITCH E/C/P has 4-byte shares). */
    public static final long MAX_LAST_SIZE = 0xFFFF_FFFFL;

    public int locate;
    /** Shares of the most recent counted trade; stored as an unsigned 32-bit value (saturating). */
    public long lastSize;
    /** The 8 symbol bytes packed big-endian into a long (first character in the top byte). */
    public long stock;
    public long trades;
    public long volume;
    public long notional;
    public long lastPrice;
    public long bidPrice;
    public long bidSize;
    public long askPrice;
    public long askSize;
    public long eventTimeNs;
    public long journalIndex;

    @Override
    public void writeMarshallable(BytesOut<?> out) {
        out.writeInt(locate);
        out.writeInt((int) Math.min(lastSize, MAX_LAST_SIZE));
        out.writeLong(Long.reverseBytes(stock));
        out.writeLong(trades);
        out.writeLong(volume);
        out.writeLong(notional);
        out.writeLong(lastPrice);
        out.writeLong(bidPrice);
        out.writeLong(bidSize);
        out.writeLong(askPrice);
        out.writeLong(askSize);
        out.writeLong(eventTimeNs);
        out.writeLong(journalIndex);
    }

    @Override
    public void readMarshallable(BytesIn<?> in) {
        locate = in.readInt();
        lastSize = Integer.toUnsignedLong(in.readInt());
        stock = Long.reverseBytes(in.readLong());
        trades = in.readLong();
        volume = in.readLong();
        notional = in.readLong();
        lastPrice = in.readLong();
        bidPrice = in.readLong();
        bidSize = in.readLong();
        askPrice = in.readLong();
        askSize = in.readLong();
        eventTimeNs = in.readLong();
        journalIndex = in.readLong();
    }

    /** Copies every field of {@code other} into this record. */
    public SymbolStateRecord copyFrom(SymbolStateRecord other) {
        locate = other.locate;
        stock = other.stock;
        trades = other.trades;
        volume = other.volume;
        notional = other.notional;
        lastPrice = other.lastPrice;
        lastSize = other.lastSize;
        bidPrice = other.bidPrice;
        bidSize = other.bidSize;
        askPrice = other.askPrice;
        askSize = other.askSize;
        eventTimeNs = other.eventTimeNs;
        journalIndex = other.journalIndex;
        return this;
    }

    @Override
    public String toString() {
        return "SymbolStateRecord{locate=" + locate + ", stock=" + Symbols.toString(stock) + ", trades=" + trades
                + ", volume=" + volume + ", notional=" + notional + ", lastPrice=" + lastPrice
                + ", lastSize=" + lastSize + ", bid=" + bidSize + "@" + bidPrice + ", ask=" + askSize + "@" + askPrice
                + '}';
    }
}
