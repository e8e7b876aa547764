package io.tickjournal.journal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.tickjournal.journal.JournalRecords.Doc;
import io.tickjournal.journal.JournalRecords.Rec;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fuzz support: a small journal written once per JVM, and a working copy of it that each fuzz
 * input damages (also used by replay-tool's {@code verify} harness, through the test jar). Before
 * each input the copy is put back byte for byte (every file's written region plus {@link #SLACK},
 * and its length), so no input sees another's damage.
 *
 * <p>Damage operations, read from the input until it is used up (at most {@link #MAX_OPS}): set a
 * byte, flip a bit, overwrite a document's header word (with the not-complete bit, or any value),
 * write a 4-byte word, truncate the cycle file, change a byte of the queue's metadata file, change
 * a byte of a document's first 32.
 */
public final class DamagedJournal {
    /** Bytes after the last non-zero byte of a file that damage may reach (padding after the end). */
    static final int SLACK = 4096;
    static final int MAX_OPS = 16;
    private static final long SEED = 20261205L;
    private static final Map<String, DamagedJournal> instances = new HashMap<>();

    private final Path dir;
    private final List<Rec> records;
    private final List<Doc> docs;
    private final Path cycleFile;
    private final Path metadata;
    private final List<Saved> saved = new ArrayList<>();

    /** One file of the journal as written: its first {@code head.length} bytes and its length. */
    private record Saved(Path file, byte[] head, long length) {
    }

    private DamagedJournal(Path dir, Consumer<JournalWriter> fill) throws IOException {
        this.dir = dir;
        try (SingleChronicleQueue q = Journal.openForWrite(dir); JournalWriter w = new JournalWriter(q, 3)) {
            fill.accept(w);
        }
        try (SingleChronicleQueue q = Journal.openForRead(dir)) {
            records = List.copyOf(JournalRecords.readWithChronicle(q));
        }
        List<Path> cycles = JournalRecords.cycleFiles(dir);
        if (cycles.size() != 1) {
            throw new IllegalStateException("expected one cycle file, found " + cycles);
        }
        cycleFile = cycles.get(0);
        docs = JournalRecords.documents(cycleFile);
        Path meta = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                saved.add(save(f));
                if (f.getFileName().toString().equals("metadata.cq4t")) {
                    meta = f;
                }
            }
        }
        metadata = meta;
    }

    /** The shared journal of this JVM (a 40-record session), restored to its undamaged state. */
    static DamagedJournal get() {
        return get("records", w -> JournalRecords.append(w, new Random(SEED), 40, 1));
    }

    /**
     * The journal called {@code name} of this JVM, written by {@code fill} on first use, restored
     * to its undamaged state. Thread-confined (the fuzzing thread).
     */
    public static synchronized DamagedJournal get(String name, Consumer<JournalWriter> fill) {
        try {
            DamagedJournal journal = instances.get(name);
            if (journal == null) {
                Path dir = Files.createTempDirectory("fuzz-journal");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                journal = new DamagedJournal(dir, fill);
                instances.put(name, journal);
            }
            journal.restore();
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and the files in it (a fuzz journal's temporary directory), best effort. */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }

    /** The working copy's directory. */
    public Path dir() {
        return dir;
    }

    /** The undamaged journal's records, as Chronicle's tailer reads them. */
    List<Rec> records() {
        return records;
    }

    /** Applies the damage operations {@code data} describes to the working copy. */
    public void damage(FuzzedDataProvider data) {
        try (RandomAccessFile cycle = new RandomAccessFile(cycleFile.toFile(), "rw")) {
            int cycleHead = head(cycleFile);
            for (int op = 0; op < MAX_OPS && data.remainingBytes() > 0; op++) {
                switch (data.consumeInt(0, 6)) {
                    case 0 -> {
                        cycle.seek(data.consumeInt(0, cycleHead - 1));
                        cycle.write(data.consumeByte());
                    }
                    case 1 -> {
                        long at = data.consumeInt(0, cycleHead - 1);
                        cycle.seek(at);
                        int b = cycle.read();
                        cycle.seek(at);
                        cycle.write(b ^ (1 << data.consumeInt(0, 7)));
                    }
                    case 2 -> {
                        Doc doc = docs.get(data.consumeInt(0, docs.size() - 1));
                        int word = data.consumeBoolean() ? doc.header() | 0x8000_0000 : data.consumeInt();
                        cycle.seek(doc.position());
                        cycle.writeInt(Integer.reverseBytes(word));
                    }
                    case 3 -> {
                        cycle.seek(data.consumeInt(0, cycleHead - 4));
                        cycle.writeInt(data.consumeInt());
                    }
                    case 4 -> cycle.setLength(data.consumeLong(0, cycleHead));
                    case 5 -> {
                        if (metadata != null) {
                            try (RandomAccessFile meta = new RandomAccessFile(metadata.toFile(), "rw")) {
                                meta.seek(data.consumeInt(0, head(metadata) - 1));
                                meta.write(data.consumeByte());
                            }
                        }
                    }
                    default -> {
                        Doc doc = docs.get(data.consumeInt(0, docs.size() - 1));
                        cycle.seek(doc.position() + 4 + data.consumeInt(0, 31));
                        cycle.write(data.consumeByte());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int head(Path file) {
        for (Saved s : saved) {
            if (s.file().equals(file)) {
                return s.head().length;
            }
        }
        throw new IllegalArgumentException(file.toString());
    }

    private void restore() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (saved.stream().noneMatch(s -> s.file().equals(f))) {
                    Files.delete(f); // anything a reader created
                }
            }
        }
        for (Saved s : saved) {
            try (RandomAccessFile f = new RandomAccessFile(s.file().toFile(), "rw")) {
                f.setLength(s.length());
                f.seek(0);
                f.write(s.head());
            }
        }
    }

    private static Saved save(Path file) throws IOException {
        long length = Files.size(file);
        long last = -1;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buf = new byte[1 << 16];
            for (long pos = 0; pos < length; pos += buf.length) {
                int n = (int) Math.min(buf.length, length - pos);
                f.seek(pos);
                f.readFully(buf, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf[i] != 0) {
                        last = pos + i;
                        break;
                    }
                }
            }
            int head = (int) Math.min(length, last + 1 + SLACK);
            byte[] bytes = new byte[head];
            f.seek(0);
            f.readFully(bytes);
            return new Saved(file, bytes, length);
        }
    }
}
