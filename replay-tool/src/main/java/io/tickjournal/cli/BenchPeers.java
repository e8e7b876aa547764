package io.tickjournal.cli;

import com.paritytrading.juncture.nasdaq.itch50.ITCH50;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Listener;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Parser;
import com.paritytrading.nassau.MessageListener;
import com.paritytrading.nassau.binaryfile.BinaryFILEReader;
import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a user would otherwise pick, run over the same BinaryFILE as {@code tickjournal bench}:
 * nassau's {@link BinaryFILEReader} framing alone, and juncture's {@link ITCH50Parser} (parse
 * only, no book) over that framing. Also the event-time scan that places the paced windows.
 */
final class BenchPeers {
    private BenchPeers() {
    }

    /** nassau BinaryFILEReader framing, each message's type byte touched; returns messages. */
    static long nassauFraming(Path itch) {
        long[] n = new long[2];
        MessageListener count = buffer -> {
            n[0]++;
            n[1] += buffer.get(buffer.position());
        };
        return read(itch, count, n);
    }

    /**
     * juncture ITCH50Parser over nassau framing, every message parsed into juncture's objects;
     * returns the messages of the file. juncture 1.0.0 predates the DLCR price discovery message
     * (O) and throws on it: those few (one per symbol at 03:59) are framed but not handed to it.
     */
    static long junctureParse(Path itch) {
        Counting listener = new Counting();
        long[] n = new long[1];
        ITCH50Parser parser = new ITCH50Parser(listener);
        MessageListener known = buffer -> {
            n[0]++;
            if (buffer.get(buffer.position()) != 'O') {
                parser.message(buffer);
            }
        };
        read(itch, known, n);
        return n[0];
    }

    private static long read(Path itch, MessageListener listener, long[] n) {
        try (FileChannel ch = FileChannel.open(itch, StandardOpenOption.READ);
             BinaryFILEReader reader = new BinaryFILEReader(ch, listener)) {
            while (reader.read() >= 0) {
                // read() frames what one channel read returned; -1 at the end
            }
        } catch (IOException e) {
            throw TickjournalException.io(itch.toString(), e);
        }
        return n[0];
    }

    /**
     * Event-time windows of a BinaryFILE for paced replays: window {@code i} starts at the
     * message at 40% of the regular-hours messages (ITCH time 09:30 to 16:00) and holds
     * {@code counts[i]} messages (fewer at the end of the day).
     *
     * @return per window {from ns, to ns, messages in [from, to)}
     */
    static long[][] pacedWindows(Path itch, long[] counts) {
        final long open = 34_200_000_000_000L;
        final long close = 57_600_000_000_000L;
        long[] regular = new long[1];
        scan(itch, t -> {
            if (t >= open && t < close) {
                regular[0]++;
            }
        });
        long start = (long) (regular[0] * 0.4);
        long[][] w = new long[counts.length][3];
        long[] ordinal = new long[1];
        long[] startTime = {-1};
        long[] last = new long[1];
        scan(itch, t -> {
            if (t < open || t >= close) {
                return;
            }
            long k = ordinal[0]++;
            if (k == start) {
                startTime[0] = t;
            }
            for (int i = 0; i < counts.length; i++) {
                if (k == start + counts[i]) {
                    w[i][1] = t;
                }
            }
            last[0] = t;
        });
        for (int i = 0; i < counts.length; i++) {
            w[i][0] = startTime[0];
            if (w[i][1] == 0) {
                w[i][1] = last[0] + 1;
            }
        }
        // Exact counts in [from, to): several messages may share a timestamp.
        scan(itch, t -> {
            for (long[] x : w) {
                if (t >= x[0] && t < x[1]) {
                    x[2]++;
                }
            }
        });
        return w;
    }

    private interface TimestampConsumer {
        void accept(long timestampNs);
    }

    /** Every message's ITCH timestamp (6 bytes at offset 5, big-endian), from a plain mapped read. */
    private static void scan(Path itch, TimestampConsumer each) {
        try (FileChannel ch = FileChannel.open(itch, StandardOpenOption.READ)) {
            long size = ch.size();
            long base = 0;
            ByteBuffer b = null;
            long p = 0;
            final long chunk = 1L << 30;
            while (p + 2 <= size) {
                if (b == null || p + 2 + 65535 > base + b.limit() && base + b.limit() < size) {
                    base = p;
                    b = ch.map(FileChannel.MapMode.READ_ONLY, base, Math.min(chunk, size - base));
                }
                int at = (int) (p - base);
                int len = b.getShort(at) & 0xFFFF;
                if (p + 2 + len > size) {
                    break;
                }
                if (len >= 11) {
                    long t = ((long) (b.getShort(at + 2 + 5) & 0xFFFF) << 32) | (b.getInt(at + 2 + 7) & 0xFFFF_FFFFL);
                    each.accept(t);
                }
                p += 2 + len;
            }
        } catch (IOException e) {
            throw TickjournalException.io(itch.toString(), e);
        }
    }

    /** Counts every message juncture hands over; parsing fills juncture's message objects. */
    private static final class Counting implements ITCH50Listener {
        long messages;

        @Override public void systemEvent(ITCH50.SystemEvent m) { messages++; }
        @Override public void stockDirectory(ITCH50.StockDirectory m) { messages++; }
        @Override public void stockTradingAction(ITCH50.StockTradingAction m) { messages++; }
        @Override public void regSHORestriction(ITCH50.RegSHORestriction m) { messages++; }
        @Override public void marketParticipantPosition(ITCH50.MarketParticipantPosition m) { messages++; }
        @Override public void mwcbDeclineLevel(ITCH50.MWCBDeclineLevel m) { messages++; }
        @Override public void mwcbStatus(ITCH50.MWCBStatus m) { messages++; }
        @Override public void ipoQuotingPeriodUpdate(ITCH50.IPOQuotingPeriodUpdate m) { messages++; }
        @Override public void luldAuctionCollar(ITCH50.LULDAuctionCollar m) { messages++; }
        @Override public void operationalHalt(ITCH50.OperationalHalt m) { messages++; }
        @Override public void addOrder(ITCH50.AddOrder m) { messages++; }
        @Override public void addOrderMPID(ITCH50.AddOrderMPID m) { messages++; }
        @Override public void orderExecuted(ITCH50.OrderExecuted m) { messages++; }
        @Override public void orderExecutedWithPrice(ITCH50.OrderExecutedWithPrice m) { messages++; }
        @Override public void orderCancel(ITCH50.OrderCancel m) { messages++; }
        @Override public void orderDelete(ITCH50.OrderDelete m) { messages++; }
        @Override public void orderReplace(ITCH50.OrderReplace m) { messages++; }
        @Override public void trade(ITCH50.Trade m) { messages++; }
        @Override public void crossTrade(ITCH50.CrossTrade m) { messages++; }
        @Override public void brokenTrade(ITCH50.BrokenTrade m) { messages++; }
        @Override public void noii(ITCH50.NOII m) { messages++; }
        @Override public void rpii(ITCH50.RPII m) { messages++; }
    }
}
