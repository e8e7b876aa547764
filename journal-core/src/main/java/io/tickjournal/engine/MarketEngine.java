package io.tickjournal.engine;

import io.tickjournal.book.OrderBooks;
import io.tickjournal.itch.AddOrderDecoder;
import io.tickjournal.itch.AddOrderMpidDecoder;
import io.tickjournal.itch.BigEndian;
import io.tickjournal.itch.BrokenTradeDecoder;
import io.tickjournal.itch.CrossTradeDecoder;
import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.itch.ItchListener;
import io.tickjournal.itch.OrderCancelDecoder;
import io.tickjournal.itch.OrderDeleteDecoder;
import io.tickjournal.itch.OrderExecutedDecoder;
import io.tickjournal.itch.OrderExecutedWithPriceDecoder;
import io.tickjournal.itch.OrderReplaceDecoder;
import io.tickjournal.itch.StockDirectoryDecoder;
import io.tickjournal.itch.SystemEventDecoder;
import io.tickjournal.itch.TradeDecoder;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Applies ITCH 5.0 messages to full-depth order books and VWAP totals/bars: the one place
 * where the VWAP rules of docs/architecture.md decide which messages are counted trades.
 *
 * <ul>
 *   <li>E counts at the resting order's price; C only when printable = 'Y', at its execution
 *       price (the book is reduced either way); P counts; Q counts only when shares &gt; 0.</li>
 *   <li>B takes the counted trade with its match number back out of the session totals.</li>
 *   <li>Every valid message first advances the bar window to its ITCH timestamp; S 'C'
 *       (end of messages) closes the open window.</li>
 * </ul>
 *
 * No file or socket here: the caller feeds messages and drains the symbols whose state
 * changed ({@link #dirtyCount()}, {@link #dirtyLocate(int)}). Thread-confined; allocation-free
 * per message after warm-up.
 */
public final class MarketEngine implements ItchListener, BarListener {
    private static final int LOCATES = StateStore.MAX_LOCATES;
    public static final int DEFAULT_EXPECTED_ORDERS = 1 << 20;
    public static final int DEFAULT_EXPECTED_TRADES = 1 << 20;

    private final ItchDispatcher dispatcher = new ItchDispatcher(this);
    private final OrderBooks books;
    private final VwapEngine vwap;
    private final BarListener bars;

    private final long[] stocks = new long[LOCATES];
    private final long[] eventTimes = new long[LOCATES];
    private final long[] indexes = new long[LOCATES];
    private final boolean[] known = new boolean[LOCATES];
    private final boolean[] dirty = new boolean[LOCATES];
    private final int[] dirtyList = new int[LOCATES];
    private int dirtyCount;
    private int symbols;

    /** Per locate: skip its messages (null: apply all); see {@link #restrictTo}. */
    private boolean[] skipped;
    private Set<Long> selectedStocks;
    private IntPredicate ownsLocate;
    private long skippedMessages;

    /** Stage timing of one sampled message: see {@link #timeNextMessage()}. */
    private static final boolean[] BOOK_TYPES = new boolean[256];

    static {
        for (char c : "AFECXDU".toCharArray()) {
            BOOK_TYPES[c] = true;
        }
    }

    private boolean timeNext;
    private boolean timing;
    private long innerVwapNanos;
    private long lastBookNanos;
    private long lastVwapNanos;

    private long timestamp;
    private long index;

    private long messages;
    private long unknownTypes;
    private long badLengths;
    private long unknownOrderRefs;
    private long duplicateOrderRefs;
    private long zeroShareCrosses;

    /**
     * @param windowNanos bar window in nanoseconds of ITCH time
     * @param bars        receives every closed bar (a reused flyweight) in bar stream order
     */
    public MarketEngine(long windowNanos, BarListener bars) {
        this(windowNanos, bars, DEFAULT_EXPECTED_ORDERS, DEFAULT_EXPECTED_TRADES);
    }

    /**
     * @param expectedOrders live orders to size the order index for
     * @param expectedTrades counted trades in the session (kept by match number for B): sized
     *                       right, the engine allocates nothing after warm-up; beyond it, the
     *                       stores grow by doubling
     */
    public MarketEngine(long windowNanos, BarListener bars, int expectedOrders, int expectedTrades) {
        this.books = new OrderBooks(expectedOrders);
        this.vwap = new VwapEngine(windowNanos, this, expectedTrades);
        this.bars = bars;
    }

    /**
     * Applies one ITCH message of {@code length} bytes at {@code offset}. Unknown types and
     * lengths that differ from the spec are counted and skipped.
     *
     * @param journalIndex the journal index of the message, recorded in the symbol's state
     */
    public void onMessage(RandomDataInput buffer, long offset, int length, long journalIndex) {
        if (timeNext) {
            onMessageTimed(buffer, offset, length, journalIndex);
            return;
        }
        if (!admit(buffer, offset, length, journalIndex)) {
            return;
        }
        vwap.onTimestamp(timestamp);
        if (skipped != null && isSkipped(buffer, offset)) {
            skippedMessages++;
            return;
        }
        dispatcher.dispatchValidated(buffer, offset);
    }

    /**
     * Counts the message and checks its type and length (counting what is wrong); for a valid one
     * records its ITCH timestamp and journal index as the current ones.
     *
     * @return false when the message is to be skipped
     */
    private boolean admit(RandomDataInput buffer, long offset, int length, long journalIndex) {
        messages++;
        int status = ItchDispatcher.validate(buffer, offset, length);
        if (status != ItchDispatcher.OK) {
            if (status == ItchDispatcher.UNKNOWN_TYPE) {
                unknownTypes++;
            } else {
                badLengths++;
            }
            return false;
        }
        timestamp = BigEndian.u48(buffer, offset + ItchLayout.TIMESTAMP_OFFSET);
        index = journalIndex;
        return true;
    }

    /**
     * {@link #onMessage} with the time spent in the order books and in VWAP measured (two clock
     * reads more than the VWAP part of E and C): for sampled latency measurement, see
     * {@link #timeNextMessage()}. Same effects as the plain path.
     */
    private void onMessageTimed(RandomDataInput buffer, long offset, int length, long journalIndex) {
        timeNext = false;
        timing = true;
        innerVwapNanos = 0;
        lastBookNanos = -1;
        lastVwapNanos = 0;
        try {
            if (!admit(buffer, offset, length, journalIndex)) {
                return;
            }
            long t0 = System.nanoTime();
            vwap.onTimestamp(timestamp);
            long t1 = System.nanoTime();
            if (skipped != null && isSkipped(buffer, offset)) {
                skippedMessages++;
                lastVwapNanos = t1 - t0;
                return;
            }
            dispatcher.dispatchValidated(buffer, offset);
            long dispatch = System.nanoTime() - t1;
            if (BOOK_TYPES[buffer.readByte(offset) & 0xFF]) {
                lastBookNanos = dispatch - innerVwapNanos;
                lastVwapNanos = (t1 - t0) + innerVwapNanos;
            } else {
                lastVwapNanos = (t1 - t0) + dispatch;
            }
        } finally {
            timing = false;
        }
    }

    /**
     * Measures the next message's stages: afterwards {@link #lastBookNanos()} and
     * {@link #lastVwapNanos()} hold its time in the order books (A F E C X D U; -1 for other
     * types) and in VWAP (window and bar upkeep, counted trades). Clock reads cost tens of nanoseconds on some
     * machines, so callers sample: one message in N.
     */
    public void timeNextMessage() {
        timeNext = true;
    }

    /** Time the last timed message spent in the order books, ns; -1 when it did not reach them. */
    public long lastBookNanos() {
        return lastBookNanos;
    }

    /** Time the last timed message spent in VWAP upkeep, ns. */
    public long lastVwapNanos() {
        return lastVwapNanos;
    }

    /**
     * Restricts the engine to some symbols: messages of other stock locates still advance the
     * bar window (every engine fed the same journal closes the same windows) but are otherwise
     * skipped. System messages (locate 0) always apply.
     *
     * @param ownsLocate the locates this engine may apply (a shard's share)
     * @param stocks     packed 8-byte symbols ({@link io.tickjournal.itch.Symbols#pack}) to keep,
     *                   resolved to locates by the stock directory messages; null for all
     */
    public void restrictTo(IntPredicate ownsLocate, Set<Long> stocks) {
        skipped = new boolean[LOCATES];
        for (int locate = 1; locate < LOCATES; locate++) {
            skipped[locate] = !ownsLocate.test(locate) || stocks != null;
        }
        selectedStocks = stocks;
        this.ownsLocate = ownsLocate;
    }

    private boolean isSkipped(RandomDataInput buffer, long offset) {
        int locate = BigEndian.u16(buffer, offset + ItchLayout.STOCK_LOCATE_OFFSET);
        if (selectedStocks != null && buffer.readByte(offset) == 'R' && ownsLocate.test(locate)) {
            // The directory names the symbol of this locate: keep it from here on if selected.
            skipped[locate] = !selectedStocks.contains(
                    BigEndian.i64(buffer, offset + ItchLayout.STOCK_DIRECTORY_STOCK_OFFSET));
        }
        return skipped[locate];
    }

    /** Messages skipped by {@link #restrictTo}. */
    public long skippedMessages() {
        return skippedMessages;
    }

    /**
     * Advances the bar window to event time {@code t} without a message: windows ending at or
     * before {@code t} close (a replay that stops at an event time closes what that time ends).
     */
    public void advanceTo(long t) {
        vwap.onTimestamp(t);
    }

    @Override
    public void onSystemEvent(SystemEventDecoder m) {
        if (m.eventCode() == 'C') {
            vwap.onEndOfMessages();
        }
    }

    @Override
    public void onStockDirectory(StockDirectoryDecoder m) {
        int locate = m.stockLocate();
        stocks[locate] = m.stock();
        if (!known[locate]) {
            known[locate] = true;
            symbols++;
            books.prepare(locate); // before the day's orders: no allocation on the hot path later
        }
        touch(locate);
    }

    @Override
    public void onAddOrder(AddOrderDecoder m) {
        if (books.add(m.orderReferenceNumber(), m.stockLocate(), m.buySellIndicator(), m.price(), m.shares())) {
            touch(m.stockLocate());
        } else {
            duplicateOrderRefs++;
        }
    }

    @Override
    public void onAddOrderMpid(AddOrderMpidDecoder m) {
        onAddOrder(m);
    }

    @Override
    public void onOrderExecuted(OrderExecutedDecoder m) {
        long shares = m.executedShares();
        long price = books.execute(m.orderReferenceNumber(), shares);
        if (price == OrderBooks.UNKNOWN) {
            unknownOrderRefs++;
            return;
        }
        int locate = books.lastLocate();
        if (timing) {
            long v0 = System.nanoTime();
            vwap.onTrade(locate, m.matchNumber(), price, shares);
            innerVwapNanos += System.nanoTime() - v0;
        } else {
            vwap.onTrade(locate, m.matchNumber(), price, shares);
        }
        touch(locate);
    }

    @Override
    public void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
        long shares = m.executedShares();
        int locate = m.stockLocate();
        if (books.execute(m.orderReferenceNumber(), shares) == OrderBooks.UNKNOWN) {
            unknownOrderRefs++;
        } else {
            locate = books.lastLocate();
        }
        // The print carries its own price and locate: it counts even when the order is unknown.
        if (m.printable() == 'Y') {
            if (timing) {
                long v0 = System.nanoTime();
                vwap.onTrade(locate, m.matchNumber(), m.executionPrice(), shares);
                innerVwapNanos += System.nanoTime() - v0;
            } else {
                vwap.onTrade(locate, m.matchNumber(), m.executionPrice(), shares);
            }
        }
        touch(locate);
    }

    @Override
    public void onOrderCancel(OrderCancelDecoder m) {
        if (books.cancel(m.orderReferenceNumber(), m.cancelledShares()) == OrderBooks.UNKNOWN) {
            unknownOrderRefs++;
        } else {
            touch(books.lastLocate());
        }
    }

    @Override
    public void onOrderDelete(OrderDeleteDecoder m) {
        if (books.delete(m.orderReferenceNumber())) {
            touch(books.lastLocate());
        } else {
            unknownOrderRefs++;
        }
    }

    @Override
    public void onOrderReplace(OrderReplaceDecoder m) {
        if (books.replace(m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(), m.price())) {
            touch(books.lastLocate());
        } else {
            unknownOrderRefs++;
        }
    }

    @Override
    public void onTrade(TradeDecoder m) {
        vwap.onTrade(m.stockLocate(), m.matchNumber(), m.price(), m.shares());
        touch(m.stockLocate());
    }

    @Override
    public void onCrossTrade(CrossTradeDecoder m) {
        long shares = m.shares();
        if (shares > 0) {
            vwap.onTrade(m.stockLocate(), m.matchNumber(), m.crossPrice(), shares);
            touch(m.stockLocate());
        } else {
            zeroShareCrosses++;
        }
    }

    @Override
    public void onBrokenTrade(BrokenTradeDecoder m) {
        if (vwap.onBrokenTrade(m.matchNumber())) {
            touch(m.stockLocate());
        }
    }

    @Override
    public void onBar(Bar bar) {
        bars.onBar(bar);
    }

    @Override
    public void onWindowClosed(long windowStartNs) {
        bars.onWindowClosed(windowStartNs);
    }

    private void touch(int locate) {
        eventTimes[locate] = timestamp;
        indexes[locate] = index;
        if (!dirty[locate]) {
            dirty[locate] = true;
            dirtyList[dirtyCount++] = locate;
        }
    }

    /** Number of symbols whose state changed since the last {@link #clearDirty()}. */
    public int dirtyCount() {
        return dirtyCount;
    }

    /** The i-th changed symbol's locate, in order of first change. */
    public int dirtyLocate(int i) {
        return dirtyList[i];
    }

    /** Forgets the changed symbols, after the caller has written them to the map. */
    public void clearDirty() {
        for (int i = 0; i < dirtyCount; i++) {
            dirty[dirtyList[i]] = false;
        }
        dirtyCount = 0;
    }

    /** Snapshot section of the engine's own fields: counters, and per symbol stock, event time, journal index. */
    public static final SnapshotSections.Kind ENGINE_SECTION = new SnapshotSections.Kind("ENGN", 1);
    /** Snapshot section of the order books ({@link OrderBooks#writeSnapshot}). */
    public static final SnapshotSections.Kind BOOKS_SECTION =
            new SnapshotSections.Kind("BOOK", OrderBooks.SNAPSHOT_VERSION);
    /** Snapshot section of the VWAP engine ({@link VwapEngine#writeSnapshot}). */
    public static final SnapshotSections.Kind VWAP_SECTION = new SnapshotSections.Kind("VWAP",
            VwapEngine.SNAPSHOT_VERSION);
    /** The sections of a snapshot, in the order written; a reader needs every one. */
    public static final List<SnapshotSections.Kind> SNAPSHOT_SECTIONS = List.of(ENGINE_SECTION, BOOKS_SECTION,
            VWAP_SECTION);

    private List<SnapshotSections.Codec> snapshotCodecs() {
        return List.of(new SnapshotSections.Codec(ENGINE_SECTION, this::writeOwnState, this::readOwnState),
                new SnapshotSections.Codec(BOOKS_SECTION, books::writeSnapshot, books::readSnapshot),
                new SnapshotSections.Codec(VWAP_SECTION, vwap::writeSnapshot, vwap::readSnapshot));
    }

    /**
     * Writes the engine's whole state (directory, per-symbol event times and journal indexes,
     * counters, order books, VWAP totals, open bars, recorded trades) for a checkpoint, as one
     * {@link SnapshotSections section} per component: an engine that {@link #readSnapshot reads it}
     * continues exactly as this one would. The caller has written the changed symbols to the map
     * first ({@link #dirtyCount()} is 0), so that none is left behind; shard restrictions are not
     * part of the state.
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        if (dirtyCount != 0) {
            throw new IllegalStateException(dirtyCount + " changed symbols not yet written to the map");
        }
        SnapshotSections.write(out, snapshotCodecs());
    }

    private void writeOwnState(DataOutput out) throws IOException {
        out.writeInt(symbols);
        out.writeLong(timestamp);
        out.writeLong(index);
        out.writeLong(messages);
        out.writeLong(unknownTypes);
        out.writeLong(badLengths);
        out.writeLong(unknownOrderRefs);
        out.writeLong(duplicateOrderRefs);
        out.writeLong(zeroShareCrosses);
        out.writeLong(skippedMessages);
        int used = 0;
        for (int locate = 0; locate < LOCATES; locate++) {
            if (used(locate)) {
                used++;
            }
        }
        out.writeInt(used);
        for (int locate = 0; locate < LOCATES; locate++) {
            if (used(locate)) {
                out.writeInt(locate);
                out.writeBoolean(known[locate]);
                out.writeLong(stocks[locate]);
                out.writeLong(eventTimes[locate]);
                out.writeLong(indexes[locate]);
            }
        }
    }

    /**
     * Marks every symbol that has state as changed, so that the next map write writes them all
     * (after a restore into an empty map).
     */
    public void touchAll() {
        for (int locate = 0; locate < LOCATES; locate++) {
            if (used(locate) && !dirty[locate]) {
                dirty[locate] = true;
                dirtyList[dirtyCount++] = locate;
            }
        }
    }

    private boolean used(int locate) {
        return known[locate] || stocks[locate] != 0 || eventTimes[locate] != 0 || indexes[locate] != 0;
    }

    /**
     * Restores what {@link #writeSnapshot} wrote into this engine, which must be new (no message
     * applied) and have the same bar window.
     *
     * @throws io.tickjournal.TickjournalException naming the section, if a section is unknown and
     *                                             needed, of another version, missing or inconsistent
     */
    public void readSnapshot(ByteBuffer in) {
        if (messages != 0) {
            throw new IllegalStateException("restoring a snapshot into an engine that has applied messages");
        }
        SnapshotSections.read(in, snapshotCodecs());
    }

    private void readOwnState(ByteBuffer in) {
        symbols = in.getInt();
        timestamp = in.getLong();
        index = in.getLong();
        messages = in.getLong();
        unknownTypes = in.getLong();
        badLengths = in.getLong();
        unknownOrderRefs = in.getLong();
        duplicateOrderRefs = in.getLong();
        zeroShareCrosses = in.getLong();
        skippedMessages = in.getLong();
        final int used = in.getInt();
        if (used < 0 || used > LOCATES) {
            throw new IllegalArgumentException("bad symbol count " + used);
        }
        for (int i = 0; i < used; i++) {
            final int locate = in.getInt();
            if (locate < 0 || locate >= LOCATES) {
                throw new IllegalArgumentException("bad locate " + locate);
            }
            known[locate] = in.get() != 0;
            stocks[locate] = in.getLong();
            eventTimes[locate] = in.getLong();
            indexes[locate] = in.getLong();
        }
    }

    /** Fills {@code r} with the current state of {@code locate}. */
    public SymbolStateRecord fill(int locate, SymbolStateRecord r) {
        r.locate = locate;
        r.stock = stocks[locate];
        r.trades = vwap.trades(locate);
        r.volume = vwap.volume(locate);
        r.notional = vwap.notional(locate);
        r.lastPrice = vwap.lastPrice(locate);
        r.lastSize = vwap.lastSize(locate);
        r.bidPrice = books.bestBidPrice(locate);
        r.bidSize = books.bestBidSize(locate);
        r.askPrice = books.bestAskPrice(locate);
        r.askSize = books.bestAskSize(locate);
        r.eventTimeNs = eventTimes[locate];
        r.journalIndex = indexes[locate];
        return r;
    }

    /** The packed 8-byte symbol of {@code locate} from the stock directory, 0 if none seen. */
    public long stock(int locate) {
        return stocks[locate];
    }

    /** The order books it maintains. */
    public OrderBooks books() {
        return books;
    }

    /** The VWAP engine it feeds. */
    public VwapEngine vwap() {
        return vwap;
    }

    /** Symbols announced by stock directory (R) messages. */
    public int symbols() {
        return symbols;
    }

    /** ITCH messages applied (known types of the spec length). */
    public long messages() {
        return messages;
    }

    /** ITCH timestamp of the last valid message applied (ns since midnight), 0 before the first. */
    public long lastTimestamp() {
        return timestamp;
    }

    /** Messages skipped for an unknown type byte. */
    public long unknownTypes() {
        return unknownTypes;
    }

    /** Messages skipped for a length other than their type's spec length. */
    public long badLengths() {
        return badLengths;
    }

    /** E, C, X, D, U messages whose order reference is not live. */
    public long unknownOrderRefs() {
        return unknownOrderRefs;
    }

    /** A and F messages whose reference is already live. */
    public long duplicateOrderRefs() {
        return duplicateOrderRefs;
    }

    /** Q messages with 0 shares (not counted trades). */
    public long zeroShareCrosses() {
        return zeroShareCrosses;
    }
}
