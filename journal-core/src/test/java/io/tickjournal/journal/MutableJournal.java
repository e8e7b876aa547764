package io.tickjournal.journal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tickjournal.journal.JournalRecords.Doc;
import io.tickjournal.journal.JournalRecords.Rec;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Fuzz support for the structural check: a small journal of three cycle files (two rolled over,
 * the newest left as a writer leaves it) plus {@code metadata.cq4t}, written once per JVM, whose
 * files each input mutates in place. Only what an input changed is put back before the next one
 * (the changed byte ranges, or the whole file after a truncation or a deletion), so an input costs
 * a few positional writes, not a copy of the journal.
 *
 * <p>The cycle files are cut to their written end plus {@link #TAIL} zero bytes: the check does
 * not require Chronicle's 80 MiB pre-allocation (docs/reliability.md, "What is not detected"), and
 * reading 80 MiB of zeros per file would make an input cost tens of milliseconds instead of well
 * under one.
 *
 * <p>Mutations, read from the input until it is used up (at most {@link #MAX_OPS}), each on one
 * of the four files: set a byte, flip a bit, write a 4- or 8-byte little-endian word, overwrite a
 * document's header word (not-complete bit, zero, or any value), write a run of input bytes, write
 * a byte near a document's start, truncate the file, delete the file. Offsets reach
 * {@link #TAIL} bytes past the written end (the zero tail a damaged length may point into).
 *
 * <p>Thread-confined (the fuzzing thread).
 */
final class MutableJournal {
    static final int MAX_OPS = 16;
    /** Zero bytes kept after each cycle file's last written byte: a writer's tail and more fit. */
    static final int TAIL = 8192;
    private static final long SEED = 20261206L;
    /** Records per cycle file: the first spans two index entries (256 records apart), the others fewer. */
    private static final int[] RECORDS_PER_CYCLE = {600, 40, 300};
    private static MutableJournal instance;

    private final Path dir;
    private final List<Rec> records;
    private final Map<Long, Rec> byIndex = new HashMap<>();
    /** The four files (cycle files in order, then metadata.cq4t) and their undamaged bytes. */
    private final Path[] files;
    private final byte[][] pristine;
    /** The data and metadata documents of each cycle file (none for metadata.cq4t). */
    private final List<List<Doc>> docs = new ArrayList<>();
    /** Byte ranges [from, to) changed per file since the last restore; whole-file restores flagged. */
    private final List<List<long[]>> dirty = new ArrayList<>();
    private final boolean[] rewrite;

    private MutableJournal(Path dir) throws IOException {
        this.dir = dir;
        SetTimeProvider time = new SetTimeProvider(Instant.parse("2026-11-22T10:00:00Z"));
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(Journal.DEFAULT_ROLL_CYCLE)
                .timeProvider(time).build(); JournalWriter w = new JournalWriter(q, 0)) {
            Random random = new Random(SEED);
            long seq = 1;
            for (int count : RECORDS_PER_CYCLE) {
                seq = JournalRecords.append(w, random, count, seq);
                time.advanceMillis(86_400_000L);
            }
        }
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            records = List.copyOf(JournalRecords.readWithChronicle(q));
        }
        for (Rec r : records) {
            byIndex.put(r.index(), r);
        }
        List<Path> all = new ArrayList<>(JournalRecords.cycleFiles(dir));
        if (all.size() != RECORDS_PER_CYCLE.length) {
            throw new IllegalStateException("expected " + RECORDS_PER_CYCLE.length + " cycle files, found " + all);
        }
        all.add(dir.resolve("metadata.cq4t"));
        files = all.toArray(new Path[0]);
        pristine = new byte[files.length][];
        rewrite = new boolean[files.length];
        for (int i = 0; i < files.length; i++) {
            boolean cycle = i < RECORDS_PER_CYCLE.length;
            docs.add(cycle ? JournalRecords.documents(files[i]) : List.of());
            pristine[i] = cycle ? trimmed(files[i]) : Files.readAllBytes(files[i]);
            Files.write(files[i], pristine[i]);
            dirty.add(new ArrayList<>());
        }
    }

    /** The journal of this JVM, written on first use, with every change of the last input undone. */
    static MutableJournal get() {
        try {
            if (instance == null) {
                Path dir = Files.createTempDirectory("fuzz-check");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> DamagedJournal.deleteTree(dir)));
                instance = new MutableJournal(dir);
            }
            instance.restore();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal's directory. */
    Path dir() {
        return dir;
    }

    /** The undamaged journal's records, in order, as Chronicle's tailer reads them. */
    List<Rec> records() {
        return records;
    }

    /** The undamaged journal's record at journal index {@code index}, or null. */
    Rec record(long index) {
        return byIndex.get(index);
    }

    /**
     * True when this input left every cycle file in place at its length and did not touch the
     * header's write position and sequence: then a check that finds the journal whole must count
     * every record written (a consistent rewrite of the header is what the check cannot see).
     */
    boolean cycleHeadersIntact() {
        for (int i = 0; i < RECORDS_PER_CYCLE.length; i++) {
            if (rewrite[i]) {
                return false;
            }
            for (long[] range : dirty.get(i)) {
                if (range[0] < ChronicleStoreLayout.WRITE_SEQUENCE_OFFSET + 8
                        && range[1] > ChronicleStoreLayout.WRITE_POSITION_OFFSET) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Applies the mutations {@code data} describes; the next {@link #get} undoes them. */
    void mutate(FuzzedDataProvider data) {
        try {
            for (int op = 0; op < MAX_OPS && data.remainingBytes() > 0; op++) {
                int file = data.consumeInt(0, files.length - 1);
                if (!Files.exists(files[file])) {
                    continue;
                }
                apply(data.consumeInt(0, 7), file, data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(int op, int file, FuzzedDataProvider data) throws IOException {
        int limit = pristine[file].length;
        List<Doc> fileDocs = docs.get(file);
        switch (op) {
            case 0 -> write(file, data.consumeInt(0, limit - 1), new byte[] {data.consumeByte()});
            case 1 -> {
                int at = data.consumeInt(0, limit - 1);
                write(file, at, new byte[] {(byte) (current(file, at) ^ (1 << data.consumeInt(0, 7)))});
            }
            case 2 -> {
                boolean wide = data.consumeBoolean();
                ByteBuffer word = ByteBuffer.allocate(wide ? 8 : 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                if (wide) {
                    word.putLong(0, data.consumeLong());
                } else {
                    word.putInt(0, data.consumeInt());
                }
                write(file, data.consumeInt(0, limit - word.capacity()), word.array());
            }
            case 3, 4 -> {
                if (fileDocs.isEmpty()) {
                    return;
                }
                Doc doc = fileDocs.get(data.consumeInt(0, fileDocs.size() - 1));
                if (op == 3) {
                    int word = switch (data.consumeInt(0, 2)) {
                        case 0 -> doc.header() | 0x8000_0000;
                        case 1 -> 0;
                        default -> data.consumeInt();
                    };
                    write(file, doc.position(), ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                            .putInt(0, word).array());
                } else {
                    long at = Math.min(limit - 1L, doc.position() + data.consumeInt(0, 63));
                    write(file, at, new byte[] {data.consumeByte()});
                }
            }
            case 5 -> {
                int at = data.consumeInt(0, limit - 1);
                byte[] run = data.consumeBytes(Math.min(64, limit - at));
                write(file, at, run);
            }
            case 6 -> {
                try (FileChannel ch = FileChannel.open(files[file], StandardOpenOption.WRITE)) {
                    ch.truncate(data.consumeLong(0, limit - 1L));
                }
                rewrite[file] = true;
            }
            default -> {
                Files.delete(files[file]);
                rewrite[file] = true;
            }
        }
    }

    /** The byte at {@code at} of the file as it is now (before the change being made). */
    private int current(int file, int at) throws IOException {
        try (FileChannel ch = FileChannel.open(files[file], StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            return ch.read(b, at) == 1 ? b.get(0) : 0;
        }
    }

    private void write(int file, long at, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        try (FileChannel ch = FileChannel.open(files[file], StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), at);
        }
        dirty.get(file).add(new long[] {at, at + bytes.length});
    }

    /** Puts back what the last input changed: its byte ranges, or the whole file, and the file's length. */
    private void restore() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            for (Path f : listing.toList()) {
                if (!List.of(files).contains(f)) {
                    Files.delete(f); // anything a reader or the check created
                }
            }
        }
        for (int i = 0; i < files.length; i++) {
            if (rewrite[i]) {
                Files.write(files[i], pristine[i]);
                rewrite[i] = false;
                dirty.get(i).clear();
                continue;
            }
            if (dirty.get(i).isEmpty()) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(files[i], StandardOpenOption.WRITE)) {
                for (long[] range : dirty.get(i)) {
                    int from = (int) range[0];
                    // a write may have grown the file past its undamaged end: cut it back
                    int to = (int) Math.min(range[1], pristine[i].length);
                    if (from < to) {
                        ch.write(ByteBuffer.wrap(pristine[i], from, to - from), from);
                    }
                }
                ch.truncate(pristine[i].length);
            }
            dirty.get(i).clear();
        }
    }

    /** The file's bytes up to its last non-zero byte plus {@link #TAIL} zeros. */
    private static byte[] trimmed(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int last = all.length - 1;
        while (last >= 0 && all[last] == 0) {
            last--;
        }
        return java.util.Arrays.copyOf(all, Math.min(all.length, last + 1 + TAIL));
    }
}
