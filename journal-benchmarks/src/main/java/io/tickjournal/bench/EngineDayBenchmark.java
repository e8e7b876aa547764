package io.tickjournal.bench;

import io.tickjournal.engine.MarketEngine;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

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

    private GeneratedDay day;
    private MarketEngine engine;
    private long bars;

    @Setup(Level.Trial)
    public void generate() {
        day = new GeneratedDay(SYMBOLS, MESSAGES, 7);
    }

    @Setup(Level.Invocation)
    public void newEngine() {
        engine = GeneratedDay.newEngine(trades -> bars += trades);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void applyDay(Blackhole bh) {
        final MarketEngine e = engine;
        day.applyTo(e);
        bh.consume(e.messages());
        bh.consume(bars);
    }
}
