package io.tickjournal.bench;

import io.tickjournal.vwap.VwapEngine;
import org.openjdk.jmh.annotations.*;

import java.util.concurrent.TimeUnit;

/**
 * VWAP update: {@link VwapEngine#onTimestamp} then {@link VwapEngine#onTrade} per trade, over
 * 500 symbols, event time advancing 1 µs per trade so that 100 ms bars close (and are emitted
 * to a no-op listener) every 100,000 trades. The trade record (kept for broken trades) grows by
 * one entry per trade: each iteration takes a fresh engine from a pool built at trial setup,
 * presized for {@link #EXPECTED_TRADES}, so the measured iterations neither allocate the engine nor
 * grow its record (iterations are short for that reason: 10 ms; beyond {@link #POOL} iterations a
 * new engine is allocated inside the iteration and shows in gc.alloc.rate.norm).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 10, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 10, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class VwapBenchmark {
    static final int EXPECTED_TRADES = 1 << 21;
    static final int POOL = 12;
    static final int SYMBOLS = 500;

    private final VwapEngine[] pool = new VwapEngine[POOL];
    private int used;
    private VwapEngine engine;
    private long bars;
    private long matchNumber;
    private long timestamp;
    private int locate;

    @Setup(Level.Trial)
    public void fill() {
        for (int i = 0; i < POOL; i++) {
            pool[i] = newEngine();
        }
    }

    private VwapEngine newEngine() {
        return new VwapEngine(100_000_000L, bar -> bars++, EXPECTED_TRADES);
    }

    @Setup(Level.Iteration)
    public void setup() {
        if (used < POOL) {
            engine = pool[used];
            pool[used++] = null;
        } else {
            engine = newEngine();
        }
        matchNumber = 1;
        timestamp = 34_200_000_000_000L;
        engine.onTimestamp(timestamp);
    }

    @TearDown(Level.Iteration)
    public void check() {
        if (engine.countedTrades() > EXPECTED_TRADES) {
            throw new IllegalStateException("iteration too long for the presized trade record: "
                    + engine.countedTrades() + " trades; shorten -r");
        }
    }

    @Benchmark
    public long onTrade() {
        timestamp += 1_000;
        engine.onTimestamp(timestamp);
        int l = locate + 1;
        locate = l == SYMBOLS ? 0 : l;
        engine.onTrade(l, matchNumber++, 1_000_000 + (matchNumber & 1023), 100);
        return bars;
    }
}
