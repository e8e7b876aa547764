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
 * microsecond ({@code @OperationsPerInvocation} = the day's {@value #MESSAGES} messages, 500
 * symbols, seed 7, as {@code tickjournal generate} makes it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class EngineDayBenchmark {
    static final int MESSAGES = 2_000_000;
    static final int SYMBOLS = 500;

    private Bytes<byte[]> day;
    private int[] offsets;
    private int[] lengths;
    private MarketEngine engine;
    private long bars;

    @Setup(Level.Trial)
    public void generate() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(SYMBOLS, MESSAGES, 7).writeBinaryFile(out);
        byte[] file = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file);
        offsets = new int[MESSAGES];
        lengths = new int[MESSAGES];
        int n = 0;
        while (b.hasRemaining()) {
            int length = b.getShort() & 0xFFFF;
            offsets[n] = b.position();
            lengths[n++] = length;
            b.position(b.position() + length);
        }
        if (n != MESSAGES) {
            throw new IllegalStateException("generated " + n + " messages, expected " + MESSAGES);
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
    @OperationsPerInvocation(MESSAGES)
    public void applyDay(Blackhole bh) {
        final MarketEngine e = engine;
        final Bytes<byte[]> d = day;
        final int[] o = offsets;
        final int[] l = lengths;
        for (int i = 0; i < MESSAGES; i++) {
            e.onMessage(d, o[i], l[i], i);
            if ((i & 0xFFFF) == 0) {
                e.clearDirty(); // the tailer drains the changed symbols at each map write
            }
        }
        bh.consume(e.messages());
        bh.consume(bars);
    }
}
