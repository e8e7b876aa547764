package io.tickjournal.bench;

import io.tickjournal.engine.MarketEngine;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.vwap.Bar;
import io.tickjournal.vwap.BarListener;
import net.openhft.chronicle.bytes.Bytes;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The engine alone on a whole generated day: every message of an in-memory day (no journal, no
 * checksum, no map, no bars queue) applied to a new {@link MarketEngine}, as the tailer applies
 * them. What replay would reach if reading and writing cost nothing; the score is messages per
 * microsecond ({@code @OperationsPerInvocation} = the day's messages).
 *
 * <p>{@code -p messages=10000000} for the day of {@code tickjournal bench} (needs about 1 GB of heap).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class EngineDayBenchmark {
    static final int DEFAULT_MESSAGES = 2_000_000;

    @Param({"2000000"})
    public int messages;

    @Param({"500"})
    public int symbols;

    private Bytes<byte[]> day;
    private int[] offsets;
    private int[] lengths;
    private MarketEngine engine;
    private long bars;

    @Setup(Level.Trial)
    public void generate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(symbols, messages, 7).writeBinaryFile(out);
        byte[] file = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file);
        offsets = new int[messages + 16];
        lengths = new int[messages + 16];
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
        day = Bytes.wrapForRead(file);
    }

    @Setup(Level.Invocation)
    public void newEngine() {
        engine = new MarketEngine(100_000_000L, new BarListener() {
            @Override
            public void onBar(Bar bar) {
                bars += bar.trades();
            }
        });
    }

    @Benchmark
    @OperationsPerInvocation(DEFAULT_MESSAGES)
    public void applyDay(Blackhole bh) {
        final MarketEngine e = engine;
        final Bytes<byte[]> d = day;
        final int[] o = offsets;
        final int[] l = lengths;
        for (int i = 0, n = messages; i < n; i++) {
            e.onMessage(d, o[i], l[i], i);
            if ((i & 0xFFFF) == 0) {
                e.clearDirty(); // the tailer drains the changed symbols at each map write
            }
        }
        bh.consume(e.messages());
        bh.consume(bars);
    }
}
