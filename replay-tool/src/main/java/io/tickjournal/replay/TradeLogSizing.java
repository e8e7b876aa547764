package io.tickjournal.replay;

import io.tickjournal.journal.Journal;

import java.nio.file.Path;

/**
 * Sizes a replay's trade log (the match-number record that ITCH B messages look trades up in) from
 * the journal itself, so that a long day's log is allocated at the start, before warm-up, and never
 * grows on the replay thread. Read from the cycle files' lengths alone: no record is read.
 *
 * <p>The arithmetic: a journal record is at least {@value #MIN_RECORD_BYTES} bytes (a 4-byte
 * Chronicle header, the 28-byte record header and a 19-byte ITCH Order Delete, 4-aligned; only the
 * few system events are shorter), so the cycle files' bytes over that bound the records from above
 * (the realistic 10M-message day: 687,865,856 bytes, an estimate of 13.2M records). Trades (E, C
 * and P messages) are 6.0 % of the realistic generated day and were 14.8 % of the generator's day
 * before 2026-12-05; one in {@value #RECORDS_PER_TRADE} of the estimated records (12.5 % of 13.2M,
 * 1.65M: 17 % of the day's 10M messages) covers both. At 24 bytes a trade that is 40 MB for a
 * 10M-message day.
 *
 * <p>Called once per replay worker, before its engine is built; any thread.
 */
final class TradeLogSizing {
    /** Smallest journal record of an order-flow message, in bytes on disk. */
    static final long MIN_RECORD_BYTES = 52;
    /** Estimated records per trade (see the class comment). */
    static final long RECORDS_PER_TRADE = 8;
    private TradeLogSizing() {
    }

    /**
     * Trades to size the log of a replay of {@code journal} for: at least {@code floor} (the
     * {@code --expected-trades} option), more when the journal's cycle files hold more.
     */
    static int expectedTrades(Path journal, int floor) {
        long estimate = Journal.cycleFileBytes(journal) / MIN_RECORD_BYTES / RECORDS_PER_TRADE;
        return (int) Math.max(floor, Math.min(Integer.MAX_VALUE, estimate)); // TradeRecords caps it further
    }
}
