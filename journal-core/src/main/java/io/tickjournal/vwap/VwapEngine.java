package io.tickjournal.vwap;

import io.tickjournal.TickjournalException;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Session VWAP totals and tumbling-window bars per stock locate, from counted trades
 * (docs/architecture.md, "VWAP rules"). The caller decides which ITCH messages are counted trades.
 *
 * <p>Call order, per ITCH message: {@link #onTimestamp} first (every message, trade or not),
 * then {@link #onTrade}, {@link #onBrokenTrade} or {@link #onEndOfMessages} as the message
 * requires.
 *
 * <p>Session totals per locate: trades, volume (shares), notional (sum of price x shares) and
 * the last trade's price and size. A broken trade takes its trade back out of the totals, never
 * out of the last trade nor out of any bar.
 *
 * <p>Bars: tumbling windows of {@code windowNanos} on the ITCH timestamp (event time, ns since
 * midnight); window start = {@code t - t mod W}, so {@code t = k*W} belongs to window k and
 * {@code t = k*W - 1} to window k-1. There is one global open window; it closes, emitting one
 * bar per locate that traded in it in ascending locate order, when a message at or past its
 * end arrives (empty windows in between emit nothing) or at {@link #onEndOfMessages}. Nothing
 * else closes it: an open window at the end of the input is not emitted. A message before the
 * open window's start (out of order) does not move the window; its trade counts in the open
 * window and the message is counted in {@link #lateMessages()}. So that window starts only ever
 * increase, a window opened after {@link #onEndOfMessages} never starts before the end of the
 * window closed there (an earlier message then lands in the window at that end, counted late).
 *
 * <p>Units: prices are ITCH 4-decimal unsigned 32-bit integers carried as {@code long}; shares
 * are non-negative {@code long}s (Q crosses can exceed 2^32); timestamps are non-negative ns.
 * Notional is plain 64-bit arithmetic, exact while |sum| {@literal <} 2^63, i.e. about 922 trillion dollars
 * per symbol and session, far above a full NASDAQ day (the whole market trades well under
 * 10^12 dollars a day); a single trade overflows only if price x shares >= 2^63.
 *
 * <p>Bad input is counted, not thrown: trades with a locate outside 1..65535 or a price or
 * shares out of range ({@link #invalidTrades()}), trades with no open window
 * ({@link #tradesWithoutWindow()}: session totals only), repeated match numbers
 * ({@link #duplicateMatchNumbers()}: counted like any trade, only the first is breakable),
 * unknown broken trades ({@link #unknownBrokenTrades()}).
 *
 * <p>Not thread-safe: confined to one thread, which is also the thread the listener is called
 * on. Nothing allocates per call after warm-up (the trade record grows by doubling), and no
 * hash map is ever iterated, so the bar stream is deterministic.
 */
public final class VwapEngine {
    /** Highest valid stock locate. */
    public static final int MAX_LOCATE = 65535;
    /** Default presizing of the trade record used by {@link #VwapEngine(long, BarListener)}. */
    public static final int DEFAULT_EXPECTED_TRADES = 1 << 16;

    private static final int LOCATES = MAX_LOCATE + 1;
    private static final long MAX_WINDOW_NANOS = 1L << 56;

    // Session totals, 8 longs per locate (one cache line), 5 used.
    private static final int S_TRADES = 0;
    private static final int S_VOLUME = 1;
    private static final int S_NOTIONAL = 2;
    private static final int S_LAST = 3;
    private static final int S_LAST_SIZE = 4;
    private static final int S_FIELDS = 5;
    private static final int S_SHIFT = 3;

    // Open-window bar, 8 longs per locate (one cache line); trades == 0 means no bar yet.
    private static final int B_TRADES = 0;
    private static final int B_VOLUME = 1;
    private static final int B_NOTIONAL = 2;
    private static final int B_OPEN = 3;
    private static final int B_HIGH = 4;
    private static final int B_LOW = 5;
    private static final int B_CLOSE = 6;
    private static final int B_SHIFT = 3;

    /**
     * The bar window every command uses unless told otherwise (capture, replay and verify's
     * {@code window-ms}): 100 ms of ITCH time, about 2,000 bars per active symbol over a 6.5-hour session.
     */
    public static final long DEFAULT_WINDOW_MS = 100;

    private final long windowNanos;
    private final BarListener listener;
    private final Bar bar = new Bar();
    private final TradeRecords records;

    private final long[] session = new long[LOCATES << S_SHIFT];
    private final long[] bars = new long[LOCATES << B_SHIFT];
    /** Locates with a bar in the open window: one bit each, plus one summary bit per word. */
    private final long[] touched = new long[LOCATES >> 6];
    private final long[] touchedWords = new long[LOCATES >> 12];

    private boolean windowOpen;
    private long openStart = -1;
    /** Long.MIN_VALUE while no window is open, so that the first timestamp takes the slow path. */
    private long openEnd = Long.MIN_VALUE;
    private long closedUntil;

    private int maxLocate;
    private long countedTrades;
    private long brokenTrades;
    private long unknownBrokenTrades;
    private long lateMessages;
    private long barsEmitted;
    private long invalidTrades;
    private long tradesWithoutWindow;
    private long duplicateMatchNumbers;

    /**
     * @param windowNanos bar window length W in ns (100 ms = 100_000_000), 1..2^56
     * @param listener    receives every bar, on the calling thread
     */
    public VwapEngine(long windowNanos, BarListener listener) {
        this(windowNanos, listener, DEFAULT_EXPECTED_TRADES);
    }

    /**
     * @param expectedTrades counted trades per session to size the trade record for (it doubles
     *                       beyond that, which allocates)
     */
    public VwapEngine(long windowNanos, BarListener listener, int expectedTrades) {
        if (windowNanos <= 0 || windowNanos > MAX_WINDOW_NANOS) {
            throw new TickjournalException("bar window must be 1.." + MAX_WINDOW_NANOS + " ns, was " + windowNanos);
        }
        if (listener == null) {
            throw new TickjournalException("bar listener is required");
        }
        this.windowNanos = windowNanos;
        this.listener = listener;
        this.records = new TradeRecords(expectedTrades);
    }

    /**
     * Advances event time to a message's ITCH timestamp; call it for every message before
     * applying it. Opens the first window, closes the open one (emitting its bars) when
     * {@code timestampNs} is at or past its end, or counts a late message.
     */
    public void onTimestamp(long timestampNs) {
        if (timestampNs < openEnd) {
            if (timestampNs < openStart) {
                lateMessages++;
            }
            return;
        }
        final boolean closing = windowOpen;
        final long closingStart = openStart;
        if (closing) {
            closedUntil = openEnd;
        }
        long start = timestampNs - timestampNs % windowNanos;
        if (start < closedUntil) {
            // Only after onEndOfMessages (or for a negative timestamp): keep window starts increasing.
            lateMessages++;
            start = closedUntil;
        }
        // The new window is open before the old one's bars go out, so a throwing listener
        // leaves a consistent engine behind.
        windowOpen = true;
        openStart = start;
        openEnd = start + windowNanos;
        if (closing) {
            closeWindow(closingStart);
        }
    }

    /**
     * A counted trade: adds to the locate's session totals and to its bar in the open window.
     *
     * @param price  ITCH 4-decimal price, 0..2^32-1
     * @param shares 0 or more
     */
    public void onTrade(int locate, long matchNumber, long price, long shares) {
        if (locate < 1 || locate > MAX_LOCATE || (price >>> 32) != 0 || shares < 0) {
            invalidTrades++;
            return;
        }
        final long notional = price * shares;
        final long[] session = this.session;
        final int s = locate << S_SHIFT;
        session[s + S_TRADES]++;
        session[s + S_VOLUME] += shares;
        session[s + S_NOTIONAL] += notional;
        session[s + S_LAST] = price;
        session[s + S_LAST_SIZE] = shares;

        if (windowOpen) {
            addToBar(locate, price, shares, notional);
        } else {
            tradesWithoutWindow++;
        }
        if (!records.record(matchNumber, locate, price, shares)) {
            duplicateMatchNumbers++;
        }
        if (locate > maxLocate) {
            maxLocate = locate;
        }
        countedTrades++;
    }

    /**
     * A broken trade (ITCH B): takes the counted trade with this match number back out of its
     * locate's session totals. Last price and bars (emitted or open) are not revised.
     *
     * @return false if no counted trade has this match number (never counted or already
     *         broken): ignored and counted in {@link #unknownBrokenTrades()}
     */
    public boolean onBrokenTrade(long matchNumber) {
        if (!records.remove(matchNumber)) {
            unknownBrokenTrades++;
            return false;
        }
        final long shares = records.removedShares();
        final int s = records.removedLocate() << S_SHIFT;
        session[s + S_TRADES]--;
        session[s + S_VOLUME] -= shares;
        session[s + S_NOTIONAL] -= records.removedPrice() * shares;
        brokenTrades++;
        return true;
    }

    /**
     * The end-of-messages system event (S, code 'C'): closes the open window, emitting its bars.
     * The next message opens a new window.
     */
    public void onEndOfMessages() {
        if (!windowOpen) {
            return;
        }
        final long closingStart = openStart;
        closedUntil = openEnd;
        windowOpen = false;
        openStart = -1;
        openEnd = Long.MIN_VALUE;
        closeWindow(closingStart);
    }

    /** Session counted trades of {@code locate}, net of broken trades; 0 for a bad locate. */
    public long trades(int locate) {
        return sessionValue(locate, S_TRADES);
    }

    /** Session volume (shares) of {@code locate}, net of broken trades. */
    public long volume(int locate) {
        return sessionValue(locate, S_VOLUME);
    }

    /** Session notional (sum of 4-decimal price x shares) of {@code locate}, net of broken trades. */
    public long notional(int locate) {
        return sessionValue(locate, S_NOTIONAL);
    }

    /** Price of the most recent counted trade of {@code locate} (broken or not); 0 before the first. */
    public long lastPrice(int locate) {
        return sessionValue(locate, S_LAST);
    }

    /** Shares of the most recent counted trade of {@code locate} (broken or not); 0 before the first. */
    public long lastSize(int locate) {
        return sessionValue(locate, S_LAST_SIZE);
    }

    /** Start (ns) of the open window, -1 if none is open. */
    public long openWindowStartNs() {
        return openStart;
    }

    /**
     * End (ns, exclusive) of the open window; {@code Long.MIN_VALUE} when none is open. A message
     * with an earlier timestamp changes no window.
     */
    public long openWindowEndNs() {
        return openEnd;
    }

    /** The bar window length W in ns. */
    public long windowNanos() {
        return windowNanos;
    }

    /** Highest locate that ever had a counted trade (0 if none): callers iterate 1..maxLocate(). */
    public int maxLocate() {
        return maxLocate;
    }

    /** Counted trades accepted by {@link #onTrade} (not reduced by broken trades). */
    public long countedTrades() {
        return countedTrades;
    }

    /** Broken trades taken back out of the session totals. */
    public long brokenTrades() {
        return brokenTrades;
    }

    /** Broken trades whose match number was unknown or already broken (ignored). */
    public long unknownBrokenTrades() {
        return unknownBrokenTrades;
    }

    /** Messages whose timestamp was before the open window's start. */
    public long lateMessages() {
        return lateMessages;
    }

    /** Bars handed to the listener. */
    public long barsEmitted() {
        return barsEmitted;
    }

    /** Trades rejected for a locate, price or shares out of range (ignored). */
    public long invalidTrades() {
        return invalidTrades;
    }

    /** Trades counted in the session totals while no window was open (no bar). */
    public long tradesWithoutWindow() {
        return tradesWithoutWindow;
    }

    /** Trades whose match number was already recorded (counted; only the first is breakable). */
    public long duplicateMatchNumbers() {
        return duplicateMatchNumbers;
    }

    /** Layout version of {@link #writeSnapshot}: raise it when the layout changes. */
    public static final int SNAPSHOT_VERSION = 2;

    /**
     * Writes the whole engine state for a checkpoint: the window, the counters, the session
     * totals, the open window's bars and every recorded trade (for later broken trades).
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        out.writeLong(windowNanos);
        out.writeBoolean(windowOpen);
        out.writeLong(openStart);
        out.writeLong(openEnd);
        out.writeLong(closedUntil);
        out.writeInt(maxLocate);
        out.writeLong(countedTrades);
        out.writeLong(brokenTrades);
        out.writeLong(unknownBrokenTrades);
        out.writeLong(lateMessages);
        out.writeLong(barsEmitted);
        out.writeLong(invalidTrades);
        out.writeLong(tradesWithoutWindow);
        out.writeLong(duplicateMatchNumbers);
        // Session totals exist only for locates up to maxLocate (every counted trade raises it).
        for (int locate = 1; locate <= maxLocate; locate++) {
            for (int f = 0; f < S_FIELDS; f++) {
                out.writeLong(session[(locate << S_SHIFT) + f]);
            }
        }
        int open = 0;
        for (long word : touched) {
            open += Long.bitCount(word);
        }
        out.writeInt(open);
        for (int word = 0; word < touched.length; word++) {
            for (long bits = touched[word]; bits != 0; bits &= bits - 1) {
                final int locate = (word << 6) | Long.numberOfTrailingZeros(bits);
                out.writeInt(locate);
                for (int f = B_TRADES; f <= B_CLOSE; f++) {
                    out.writeLong(bars[(locate << B_SHIFT) + f]);
                }
            }
        }
        records.writeSnapshot(out);
    }

    /**
     * Restores what {@link #writeSnapshot} wrote into this engine, which must be new (no trade,
     * no window yet) and have the same window length.
     */
    public void readSnapshot(ByteBuffer in) {
        if (windowOpen || closedUntil != 0 || countedTrades != 0 || barsEmitted != 0) {
            throw new IllegalStateException("restoring a snapshot into a VWAP engine that has run");
        }
        final long window = in.getLong();
        if (window != windowNanos) {
            throw new IllegalArgumentException("snapshot bar window is " + window + " ns, this engine's "
                    + windowNanos);
        }
        windowOpen = in.get() != 0;
        openStart = in.getLong();
        openEnd = in.getLong();
        closedUntil = in.getLong();
        maxLocate = in.getInt();
        if (maxLocate < 0 || maxLocate > MAX_LOCATE) {
            throw new IllegalArgumentException("bad highest locate " + maxLocate);
        }
        countedTrades = in.getLong();
        brokenTrades = in.getLong();
        unknownBrokenTrades = in.getLong();
        lateMessages = in.getLong();
        barsEmitted = in.getLong();
        invalidTrades = in.getLong();
        tradesWithoutWindow = in.getLong();
        duplicateMatchNumbers = in.getLong();
        for (int locate = 1; locate <= maxLocate; locate++) {
            for (int f = 0; f < S_FIELDS; f++) {
                session[(locate << S_SHIFT) + f] = in.getLong();
            }
        }
        final int open = in.getInt();
        for (int i = 0; i < open; i++) {
            final int locate = in.getInt();
            if (locate < 1 || locate > MAX_LOCATE) {
                throw new IllegalArgumentException("bad locate " + locate + " of an open bar");
            }
            for (int f = B_TRADES; f <= B_CLOSE; f++) {
                bars[(locate << B_SHIFT) + f] = in.getLong();
            }
            touched[locate >>> 6] |= 1L << locate;
            touchedWords[locate >>> 12] |= 1L << (locate >>> 6);
        }
        records.readSnapshot(in);
    }

    private long sessionValue(int locate, int field) {
        return locate < 0 || locate > MAX_LOCATE ? 0 : session[(locate << S_SHIFT) + field];
    }

    private void addToBar(int locate, long price, long shares, long notional) {
        final long[] bars = this.bars;
        final int b = locate << B_SHIFT;
        if (bars[b + B_TRADES] == 0) {
            touched[locate >>> 6] |= 1L << locate;
            touchedWords[locate >>> 12] |= 1L << (locate >>> 6);
            bars[b + B_TRADES] = 1;
            bars[b + B_VOLUME] = shares;
            bars[b + B_NOTIONAL] = notional;
            bars[b + B_OPEN] = price;
            bars[b + B_HIGH] = price;
            bars[b + B_LOW] = price;
        } else {
            bars[b + B_TRADES]++;
            bars[b + B_VOLUME] += shares;
            bars[b + B_NOTIONAL] += notional;
            if (price > bars[b + B_HIGH]) {
                bars[b + B_HIGH] = price;
            }
            if (price < bars[b + B_LOW]) {
                bars[b + B_LOW] = price;
            }
        }
        bars[b + B_CLOSE] = price;
    }

    /**
     * Emits the open window's bars in ascending locate order by walking the set bits, clearing
     * each bit and bar before its bar is handed out. If the listener throws, the window's
     * remaining bars are discarded so that the next window starts clean, and the exception
     * propagates.
     */
    private void closeWindow(long windowStartNs) {
        try {
            for (int summary = 0; summary < touchedWords.length; summary++) {
                while (touchedWords[summary] != 0) {
                    final int word = (summary << 6) | Long.numberOfTrailingZeros(touchedWords[summary]);
                    while (touched[word] != 0) {
                        final long bits = touched[word];
                        touched[word] = bits & (bits - 1);
                        emit((word << 6) | Long.numberOfTrailingZeros(bits), windowStartNs);
                    }
                    touchedWords[summary] &= touchedWords[summary] - 1;
                }
            }
            listener.onWindowClosed(windowStartNs);
        } catch (RuntimeException | Error e) {
            discardOpenBars();
            throw e;
        }
    }

    private void discardOpenBars() {
        for (int word = 0; word < touched.length; word++) {
            long bits = touched[word];
            touched[word] = 0;
            while (bits != 0) {
                bars[((word << 6) | Long.numberOfTrailingZeros(bits)) << B_SHIFT] = 0;
                bits &= bits - 1;
            }
        }
        java.util.Arrays.fill(touchedWords, 0);
    }

    private void emit(int locate, long windowStartNs) {
        final long[] bars = this.bars;
        final int b = locate << B_SHIFT;
        final Bar bar = this.bar;
        bar.locate = locate;
        bar.windowStartNs = windowStartNs;
        bar.trades = bars[b + B_TRADES];
        bar.volume = bars[b + B_VOLUME];
        bar.notional = bars[b + B_NOTIONAL];
        bar.open = bars[b + B_OPEN];
        bar.high = bars[b + B_HIGH];
        bar.low = bars[b + B_LOW];
        bar.close = bars[b + B_CLOSE];
        bars[b + B_TRADES] = 0;
        barsEmitted++;
        listener.onBar(bar);
    }
}
