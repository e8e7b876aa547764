package io.tickjournal.replay;

import io.tickjournal.journal.Journal;

import java.nio.file.Path;

/**
 * Sizes a replay's tables from the journal itself, so that a long day's tables are allocated at the
 * start, before warm-up, and never grow on the replay thread: the trade log (the match-number record
 * that ITCH B messages look trades up in) and the order table (live orders by reference number).
 * Read from the cycle files' lengths alone: no record is read.
 *
 * <p>The arithmetic: a journal record is at least {@value #MIN_RECORD_BYTES} bytes (a 4-byte
 * Chronicle header, the 28-byte record header and a 19-byte ITCH Order Delete, 4-aligned; only the
 * few system events are shorter), so the cycle files' bytes over that bound the records from above
 * (the realistic 10M-message day: 687,865,856 bytes, an estimate of 13.2M records).
 * <ul>
 * <li>Trades (E, C and P messages) are 6.0 % of the realistic generated day (595,671 of 10M); one
 * in {@value #RECORDS_PER_TRADE} of the estimated records (6.25 % of 13.2M, 826,000: 8.3 % of the
 * day's messages) covers them with 1.39x to spare; for that day the default floor of 1,048,576
 * trades is the larger, 24 MB at 24 bytes a trade. Until 2026-12-06 it was one in 8 (1.65M, 40 MB),
 * sized for the generator's day before 2026-12-05 (14.8 % trades): memory the replay allocated,
 * zeroed and had collected at its start for nothing. A day with more trades grows the log a chunk at
 * a time.</li>
 * <li>Order table entries: one per {@value #RECORDS_PER_ORDER_ENTRY} estimated records, split over
 * the shards (each holds its own locates' orders), rounded up to a power of 2 by the table. The
 * table is direct-mapped by reference number and doubles when the orders that outlived its size
 * (kept aside) pass a sixteenth of it. On the 368M-message, 8,000-symbol day (22.5 GB, an estimate
 * of 433M records: 13.5M, so 16.8M entries, 512 MB) one shard's table never grew: 0.00003 bytes
 * allocated a message after warm-up against 0.6 (growth from the default 1M entries), and the
 * replay 1.14x as fast in alternated runs (docs/benchmarks.md). A shard of two given the whole
 * estimate each was slower than with the default (97 against 71 s, loaded machine); half of it,
 * as here, was not. The 10M-message day's estimate (413,000) stays below the default of 1M.</li>
 * </ul>
 *
 * <p>Called once per replay worker, before its engine is built; any thread.
 */
final class JournalSizing {
    /** Smallest journal record of an order-flow message, in bytes on disk. */
    static final long MIN_RECORD_BYTES = 52;
    /** Estimated records per trade (see the class comment). */
    static final long RECORDS_PER_TRADE = 16;
    /** Estimated records per order table entry (see the class comment). */
    static final long RECORDS_PER_ORDER_ENTRY = 32;

    private JournalSizing() {
    }

    /**
     * Trades to size the log of a replay of {@code journal} for: at least {@code floor} (the
     * {@code --expected-trades} option), more when the journal's cycle files hold more.
     */
    static int expectedTrades(Path journal, int floor) {
        return atLeast(floor, Journal.cycleFileBytes(journal) / MIN_RECORD_BYTES / RECORDS_PER_TRADE);
    }

    /**
     * Live orders to size the order table of a replay of {@code journal} for: at least {@code floor}
     * (the {@code --expected-orders} option), more when the journal's cycle files hold more.
     */
    static int expectedOrders(Path journal, int floor, int shards) {
        return atLeast(floor, Journal.cycleFileBytes(journal) / MIN_RECORD_BYTES / RECORDS_PER_ORDER_ENTRY / shards);
    }

    /** The estimate, at least {@code floor}, within an int (the tables cap it further). */
    private static int atLeast(int floor, long estimate) {
        return (int) Math.max(floor, Math.min(Integer.MAX_VALUE, estimate));
    }
}
