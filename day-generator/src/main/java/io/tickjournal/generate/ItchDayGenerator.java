package io.tickjournal.generate;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates a synthetic, protocol-valid NASDAQ TotalView-ITCH 5.0 trading day as a BinaryFILE
 * (each message preceded by its 2-byte big-endian length) of exactly {@code messages} messages,
 * system events included. The same (symbols, messages, seed) always gives the same bytes, on any
 * JDK.
 *
 * <p>The day, in order (times are ITCH timestamps, nanoseconds since midnight, never decreasing):
 * <ol>
 *   <li>03:55 S 'O' start of messages; one R per symbol, locates 1..symbols (well-known tickers
 *       first, then distinct random 1-8 letter symbols; locate 1 most active, activity Zipf-skewed);
 *   <li>03:59 V, W, H, Y, L, K, J, h (halt and resume), N, O;
 *   <li>04:00 S 'S' start of system hours; pre-market order flow (6% of the bulk);
 *   <li>09:29 I imbalances; 09:30 S 'Q' start of market hours; Q opening crosses (one with 0 shares);
 *   <li>regular-hours order flow (88%), busiest near the open and the close;
 *   <li>15:59 I imbalances; 16:00 Q closing crosses (one above 2^32 shares); S 'M' end of market hours;
 *   <li>post-market order flow (6%); 20:00 S 'E' end of system hours; 20:05 S 'C' end of messages.
 * </ol>
 * Each order-flow phase starts at its time and lasts its full span only when the day is big enough
 * to fill it at 20,000 messages/s or more (about NASDAQ's average rate); a smaller day packs each
 * phase into its first seconds or minutes, so that 100 ms bars hold many trades.
 * The order flow is A and F adds near a per-symbol random-walk mid (Price(4), one symbol above
 * 2^31 when there are at least 10 symbols), E full and partial executions, C executions with
 * price (printable 'Y' and 'N'), X partial cancels, D deletes, U replaces, P hidden trades and B
 * broken trades (of earlier counted trades; every 8th names the match of an earlier non-printable C
 * or zero-share Q, which a VWAP must ignore). Every E/C/X/D/U refers to a live order and never
 * exceeds its remaining shares; order reference numbers (A, F, U new, P) and match numbers (E, C, P,
 * Q) are each strictly increasing from 1.
 *
 * <p>Sizes: the minimum is {@link #minimumMessages(int)} = symbols + 6 (the six system events and
 * the stock directory), below which the constructor throws. The items of step 2 and the NOIIs and
 * crosses (11 + 4 &times; min(symbols, 8) messages) are included when at least four times as many
 * messages remain for the order flow, e.g. from 678 messages with 500 symbols. Memory is bounded
 * whatever the length: live orders are capped per symbol (a full book makes room by deleting one of its orders).
 */
public final class ItchDayGenerator {
    /** Stock locates are 16-bit and locate 0 is for system-wide messages. */
    public static final int MAX_SYMBOLS = 65_535;

    private final int symbols;
    private final long messages;
    private final long seed;

    /**
     * @throws TickjournalException if {@code symbols} is not 1 to 65,535 or {@code messages} is below
     *     {@link #minimumMessages(int)}
     */
    public ItchDayGenerator(int symbols, long messages, long seed) {
        if (symbols < 1 || symbols > MAX_SYMBOLS) {
            throw new TickjournalException("symbols must be 1 to " + MAX_SYMBOLS + ", not " + symbols);
        }
        if (messages < minimumMessages(symbols)) {
            throw new TickjournalException("messages must be at least " + minimumMessages(symbols) + " for "
                + symbols + " symbols (6 system events and one stock directory per symbol), not " + messages);
        }
        this.symbols = symbols;
        this.messages = messages;
        this.seed = seed;
    }

    /** The smallest day for {@code symbols} symbols: the six system events and one R per symbol. */
    public static long minimumMessages(int symbols) {
        return symbols + (long) DayRun.SYSTEM_EVENTS;
    }

    /** Symbols in the day. */
    public int symbols() {
        return symbols;
    }

    /** Messages in the day. */
    public long messages() {
        return messages;
    }

    /** The seed the day is derived from. */
    public long seed() {
        return seed;
    }

    /**
     * Writes the day to {@code out}, replacing the file if it exists.
     *
     * @throws TickjournalException naming the file if it cannot be written
     */
    public void writeBinaryFile(Path out) {
        try (OutputStream os = Files.newOutputStream(out)) {
            new DayRun(symbols, messages, seed, os).run();
        } catch (IOException e) {
            throw TickjournalException.io(out.toString(), e);
        }
    }

    /**
     * Writes the day to {@code out} in large chunks (no extra buffering needed) and flushes it; the
     * stream is not closed.
     *
     * @throws TickjournalException if the stream fails
     */
    public void writeBinaryFile(OutputStream out) {
        try {
            new DayRun(symbols, messages, seed, out).run();
            out.flush();
        } catch (IOException e) {
            throw TickjournalException.io("output stream", e);
        }
    }

    @Override
    public String toString() {
        return "ItchDayGenerator[symbols=" + symbols + ", messages=" + messages + ", seed=" + seed + "]";
    }
}
