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
 *       first, priced near their 2024-2025 levels, e.g. AAPL about $230; then distinct random 1-8
 *       letter symbols, $5-$500; one random name above 2^31 in Price(4) when there are at least 10
 *       symbols; locate 1 most active, activity Zipf-skewed);
 *   <li>03:59 V, W, H, Y, L, K, J, h (halt and resume), N, O;
 *   <li>04:00 S 'S' start of system hours; pre-market order flow (4% of the bulk);
 *   <li>09:29 I imbalances; 09:30 S 'Q' start of market hours; Q opening crosses (one with 0 shares) at
 *       the mid of the displayed quote;
 *   <li>regular-hours order flow (93%), busiest near the open and the close (a U-shaped intensity, 2.5x
 *       the midday rate at both ends);
 *   <li>15:59 I imbalances; 16:00 Q closing crosses (one above 2^32 shares); S 'M' end of market hours;
 *   <li>post-market order flow (3%); 20:00 S 'E' end of system hours; 20:05 S 'C' end of messages.
 * </ol>
 * Each order-flow phase fills its whole span whatever the size of the day, so a small day is a quiet
 * day (the bundled 100,000-message sample has about 4 order-flow messages a second), not a packed one.
 *
 * <p><b>Matching.</b> No book is ever crossed or locked, before, during or after the crosses: an order
 * that would rest at or through the other side's best price is an incoming marketable order instead. It
 * executes against the resting orders in price, then time priority, as one E (or, one fill in 40, a C
 * at the resting price, printable 'Y' three times in four) per resting order met, with that order's
 * reference and a fresh match number, the last possibly partial; its remainder then rests at its limit
 * as an A (a day order, 70%) or is cancelled unseen (immediate-or-cancel). Passive adds and replaces
 * are priced near a per-symbol random-walk fair price (within 3% of its start, Price(4) in whole cents)
 * and at most one tick inside the other side; marketable orders lean toward the fair price, so the
 * quote follows it. P hidden executions print at the mid of the displayed quote.
 *
 * <p><b>The mix it aims for</b>, as shares of the order-flow messages (A F E C X D U P), checked by
 * {@code RealDayMixTest} within the tolerances stated there: A 44%, F 1.5%, D 40%, U 8%, X 1.5%,
 * E 3.8%, C 0.1%, P 1.2%; about 90% of the orders that leave the book are deleted or replaced and
 * 4-5% fully executed; 93% of the order flow in regular hours. Where the figures come from: the one
 * real order flow at hand, RITCH's example file (NASDAQ BX order flow of 2019-12-30, sampled by its
 * author; {@code /usr/bin/python3 src/scripts/itch-mix.py FILE} on it): of its orders that end, 92%
 * are deleted and 8% executed, lifetimes p10 2 ms, p50 0.9 s, p90 29 s, and 99.8% of its order flow
 * is in regular hours. Its per-type counts are skewed by the sampling (5,000 A and 5,000 P were kept),
 * and no full real day is at hand to count, so the type shares are design targets, not measurements:
 * adds and deletes about equal and together about 85% (nearly every order is cancelled), replaces
 * next, executions a few percent, hidden trades about 1%. B broken trades (0.1% of the events, of
 * earlier counted trades; every 8th names the match of an earlier non-printable C or zero-share Q,
 * which a VWAP must ignore) are far more frequent than on a real day so that small days exercise them.
 * Order lifetimes: 3 passive orders in 5 are fleeting, deleted 100 us to 2 s after they are added
 * (log-uniform, median 14 ms; unless they trade or are replaced first), interleaved in time order with
 * the rest of the flow; the other deletes, replaces and cancels pick the newer of two random live
 * orders of the symbol, so their lifetimes grow as the day gets sparser. The bundled sample measures
 * p10 1 ms, p50 1.0 s (RITCH's example: 2 ms, 0.9 s). Each symbol keeps up to half its capacity of
 * live orders (256 for up to 1,953 symbols) before a new order makes room by deleting one.
 *
 * <p>Every E/C/X/D/U refers to a live order and never exceeds its remaining shares; order reference
 * numbers (A, F, U new, P) and match numbers (E, C, P, Q) are each strictly increasing from 1.
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
