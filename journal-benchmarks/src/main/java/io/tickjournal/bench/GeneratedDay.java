package io.tickjournal.bench;

import io.tickjournal.engine.MarketEngine;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.vwap.VwapEngine;
import net.openhft.chronicle.bytes.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A generated ITCH day held in memory (the BinaryFILE bytes, and each message's offset and
 * length), applied to a {@link MarketEngine} as the tailer applies a journal's messages: the
 * input of the engine-alone measurements ({@link EngineDayBenchmark}, {@link EngineDayCpu}).
 * Not thread-safe: one thread applies it at a time.
 */
final class GeneratedDay {
    /** The tailer drains the changed symbols at each map write; here every 65,536 messages. */
    private static final int DRAIN_MASK = 0xFFFF;

    private final Bytes<byte[]> bytes;
    private final int[] offsets;
    private final int[] lengths;

    /** Generates the day of {@code tickjournal generate --messages messages --symbols symbols --seed seed}. */
    GeneratedDay(int symbols, int messages, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(out);
        byte[] file = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file);
        offsets = new int[messages];
        lengths = new int[messages];
        int n = 0;
        while (b.hasRemaining()) {
            int length = b.getShort() & 0xFFFF;
            offsets[n] = b.position();
            lengths[n++] = length;
            b.position(b.position() + length);
        }
        if (n != messages) {
            throw new IllegalStateException("generated " + n + " messages, expected " + messages);
        }
        bytes = Bytes.wrapForRead(file);
    }

    /**
     * A new engine with the default bar window ({@link VwapEngine#DEFAULT_WINDOW_MS}) adding each bar's trades to
     * {@code trades} (the benchmarks' use of the bars: enough that none is optimised away).
     */
    static MarketEngine newEngine(LongConsumer trades) {
        return new MarketEngine(TimeUnit.MILLISECONDS.toNanos(VwapEngine.DEFAULT_WINDOW_MS),
                bar -> trades.accept(bar.trades()));
    }

    /** Applies every message of the day to {@code engine}, in order, journal index = position in the day. */
    void applyTo(MarketEngine engine) {
        final Bytes<byte[]> d = bytes;
        final int[] o = offsets;
        final int[] l = lengths;
        for (int i = 0; i < o.length; i++) {
            engine.onMessage(d, o[i], l[i], i);
            if ((i & DRAIN_MASK) == 0) {
                engine.clearDirty();
            }
        }
    }
}
