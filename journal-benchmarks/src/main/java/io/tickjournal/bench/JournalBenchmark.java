package io.tickjournal.bench;

import io.tickjournal.itch.ItchEncoder;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalRecordHandler;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.openjdk.jmh.annotations.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Journal excerpts: {@link JournalWriter#appendMessage} of a 36-byte Add Order (header, CRC32C,
 * Chronicle Queue append to a memory-mapped file in a temp dir), and {@link CycleFileReader}
 * reading one record at a time with its CRC checked, over {@link #READ_RECORDS} records written
 * at setup (rewinding at the end).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class JournalBenchmark {
    static final int READ_RECORDS = 1 << 20;

    static byte[] addOrder() {
        ByteBuffer b = ByteBuffer.allocate(64);
        int n = ItchEncoder.addOrder(b, 7, 1, 34_200_000_000_000L, 123_456_789L, (byte)'B', 100, "AAPL", 1_234_500);
        byte[] m = new byte[n];
        b.flip().get(m);
        return m;
    }

    @State(Scope.Thread)
    public static class Append {
        Path dir;
        SingleChronicleQueue queue;
        JournalWriter writer;
        final byte[] message = addOrder();
        long sequence;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            dir = Files.createTempDirectory("tj-bench-append");
            queue = Journal.openForWrite(dir);
            writer = new JournalWriter(queue, 0);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            writer.close();
            queue.close();
            TempDirs.delete(dir);
        }
    }

    @State(Scope.Thread)
    public static class Read implements JournalRecordHandler {
        Path dir;
        CycleFileReader reader;
        long firstIndex = -1;
        long sink;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            dir = Files.createTempDirectory("tj-bench-read");
            byte[] message = addOrder();
            try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 0)) {
                for (int i = 0; i < READ_RECORDS; i++) {
                    w.appendMessage(message, 0, message.length, i, i);
                }
            }
            reader = new CycleFileReader(dir, true);
            while (reader.poll(this, 1024) > 0) {
                // find the first index and warm the mapping
            }
            if (!reader.moveToIndex(firstIndex)) {
                throw new IllegalStateException("cannot rewind to " + firstIndex);
            }
        }

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs,
                long sequence) {
            if (firstIndex < 0) {
                firstIndex = index;
            }
            sink += buffer.readByte(offset) + length + receiveTimeNs;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            reader.close();
            TempDirs.delete(dir);
        }
    }

    @Benchmark
    public long append(Append s) {
        long seq = s.sequence++;
        s.writer.appendMessage(s.message, 0, s.message.length, seq, seq);
        return seq;
    }

    @Benchmark
    public long read(Read s) {
        if (s.reader.poll(s, 1) == 0) {
            s.reader.moveToIndex(s.firstIndex);
        }
        return s.sink;
    }
}
