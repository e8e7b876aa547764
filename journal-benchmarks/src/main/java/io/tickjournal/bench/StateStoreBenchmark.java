package io.tickjournal.bench;

import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import org.openjdk.jmh.annotations.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Chronicle Map record write: {@link StateStore#put} of one symbol's record, 500 symbols in turn, persisted map in a
 * temp dir.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class StateStoreBenchmark {
    static final int SYMBOLS = 500;

    private Path dir;
    private StateStore store;
    private final SymbolStateRecord record = new SymbolStateRecord();
    private int locate;
    private long n;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("tj-bench-state");
        store = StateStore.open(dir.resolve("symbols.cm3"));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        TempDirs.delete(dir);
    }

    @Benchmark
    public long put() {
        int l = locate + 1;
        locate = l == SYMBOLS ? 0 : l;
        SymbolStateRecord r = record;
        long v = ++n;
        r.locate = l;
        r.stock = 0x4141504C20202020L;
        r.trades = v;
        r.volume = v * 100;
        r.notional = v * 100 * 1_000_000;
        r.lastPrice = 1_000_000 + (v & 1023);
        r.bidPrice = 999_900;
        r.bidSize = 300;
        r.askPrice = 1_000_100;
        r.askSize = 500;
        r.eventTimeNs = 34_200_000_000_000L + v;
        r.journalIndex = v;
        store.put(r);
        return v;
    }
}
