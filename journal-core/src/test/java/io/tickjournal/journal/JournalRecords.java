package io.tickjournal.journal;

import net.openhft.chronicle.bytes.RandomDataInput;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test support: journals of varied records, a recording handler and an independent framing walk. */
final class JournalRecords {
    private JournalRecords() {
    }

    /** One record as a reader handed it over; the payload as ISO-8859-1 text so equals compares bytes. */
    record Rec(char kind, long index, long sequence, long receiveTimeNs, String payload) {
    }

    static final class Recorder implements JournalRecordHandler {
        final List<Rec> seen = new ArrayList<>();

        @Override
        public void onMessage(RandomDataInput buffer, long offset, int length, long index, long receiveTimeNs, long sequence) {
            byte[] b = new byte[length];
            buffer.read(offset, b, 0, length);
            seen.add(new Rec('M', index, sequence, receiveTimeNs, new String(b, StandardCharsets.ISO_8859_1)));
        }

        @Override
        public void onGap(long firstMissing, long count, long index) {
            seen.add(new Rec('G', index, firstMissing, 0, Long.toString(count)));
        }

        @Override
        public void onSessionStart(String description, long firstSequence, long index) {
            seen.add(new Rec('S', index, firstSequence, 0, description));
        }

        @Override
        public void onSessionEnd(long lastSequence, long index) {
            seen.add(new Rec('E', index, lastSequence, 0, ""));
        }
    }

    /**
     * Appends {@code count} records: a session start, messages of 1..200 bytes, a gap now and
     * then, and a session end. Returns the next feed sequence.
     */
    static long append(JournalWriter w, Random random, int count, long firstSequence) {
        long seq = firstSequence;
        byte[] message = new byte[200];
        w.appendSessionStart("file:test-" + seq + ".itch", seq, seq);
        for (int i = 2; i < count; i++) {
            if (random.nextInt(500) == 0) {
                long lost = 1 + random.nextInt(10);
                w.appendGap(seq, lost, seq);
                seq += lost;
                continue;
            }
            int length = 1 + random.nextInt(200);
            random.nextBytes(message);
            w.appendMessage(message, 0, length, 1_700_000_000_000_000_000L + seq, seq);
            seq++;
        }
        w.appendSessionEnd(seq, seq - 1);
        return seq;
    }

    /** Reads everything written so far with Chronicle's own tailer. */
    static List<Rec> readWithChronicle(net.openhft.chronicle.queue.impl.single.SingleChronicleQueue q) {
        Recorder r = new Recorder();
        try (JournalReader reader = new JournalReader(q, true)) {
            while (reader.poll(r) > 0) {
                // drain
            }
        }
        return r.seen;
    }

    /** Every document header of a cycle file, walked independently of the reader under test. */
    record Doc(long position, int header) {
        boolean isData() {
            return (header & 0xC000_0000) == 0;
        }

        long end() {
            return position + 4 + (header & 0x3FFF_FFFF);
        }
    }

    static List<Doc> documents(Path cycleFile) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(cycleFile, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
            long p = 0;
            while (p + 4 <= ch.size()) {
                int h = map.getInt((int) p);
                if (h == 0) {
                    break;
                }
                docs.add(new Doc(p, h));
                if (h == 0xC000_0000 || h < 0) {
                    break;
                }
                p = (p + 4 + (h & 0x3FFF_FFFF) + 3) & ~3L;
            }
        }
        return docs;
    }

    static List<Path> cycleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
    }
}
