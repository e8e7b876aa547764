package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import io.tickjournal.journal.Journal;
import io.tickjournal.storage.OwnerLock;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.IoUtil;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The layout of a state directory: everything derived from a journal, rebuilt by replay.
 *
 * <pre>
 *   STATE/symbols.cmap       Chronicle Map, locate -> SymbolStateRecord (read live by other processes)
 *   STATE/bars/              Chronicle Queue of closed bars, one excerpt per window (BarBlockLayout)
 *   STATE/state.properties   what built it: journal, window, messages, digest
 *   STATE/checkpoint.bin     capture only: the tailer's engine state after a journal record
 *                            (io.tickjournal.engine.Checkpoint), what a restart resumes from
 *   STATE/fix/               FIX publisher only: QuickFIX/J's message store per session (kept by a fresh
 *                            replay, so that clients' sequence numbers and resend requests survive it)
 * </pre>
 */
public final class StateDirectory {
    public static final String MAP_FILE = "symbols.cmap";
    public static final String BARS_DIR = "bars";
    public static final String META_FILE = "state.properties";
    public static final String CHECKPOINT_FILE = "checkpoint.bin";
    public static final String CHECKPOINT_TEMP_FILE = CHECKPOINT_FILE + ".tmp";
    /** The FIX publisher's session stores (fix-gateway); not derived state, so a fresh replay keeps it. */
    public static final String FIX_DIR = "fix";
    private static final Set<String> OWN_ENTRIES = Set.of(MAP_FILE, BARS_DIR, META_FILE, CHECKPOINT_FILE,
            CHECKPOINT_TEMP_FILE, FIX_DIR);

    private final Path root;

    private StateDirectory(Path root) {
        this.root = root;
    }

    /**
     * Prepares an empty state directory at {@code dir}: creates it, or clears a previous
     * tickjournal state there. Refuses a non-empty directory that is not a state directory, so
     * that a mistyped path never deletes someone's files.
     */
    public static StateDirectory prepareFresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new TickjournalException(dir + ": exists and is not a directory");
                }
                List<Path> entries;
                try (Stream<Path> s = Files.list(dir)) {
                    entries = s.toList();
                }
                // The owner's lock file stays: the caller holds its lock (io.tickjournal.storage.OwnerLock).
                entries = entries.stream().filter(p -> !OwnerLock.FILE.equals(p.getFileName().toString())).toList();
                for (Path p : entries) {
                    if (!OWN_ENTRIES.contains(p.getFileName().toString())) {
                        throw new TickjournalException(dir + ": not empty and not a tickjournal state directory ("
                                + p.getFileName() + "); choose another --state directory");
                    }
                }
                for (Path p : entries) {
                    if (!FIX_DIR.equals(p.getFileName().toString())) {
                        IoUtil.delete(p.toFile(), false);
                    }
                }
            }
            Files.createDirectories(dir);
            return new StateDirectory(dir);
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
    }

    /**
     * An existing state directory to resume into from its checkpoint: the bars queue and the
     * checkpoint stay; the map is deleted, to be written again whole from the restored engine (so
     * that a map a killed process was writing at that instant is never reused), as is a partial
     * checkpoint a killed process left.
     */
    public static StateDirectory forResume(Path dir) {
        if (!Files.isDirectory(dir.resolve(BARS_DIR))) {
            throw new TickjournalException(dir + ": no bars queue to resume");
        }
        try {
            Files.deleteIfExists(dir.resolve(MAP_FILE));
            Files.deleteIfExists(dir.resolve(CHECKPOINT_TEMP_FILE));
        } catch (IOException e) {
            throw TickjournalException.io(dir.toString(), e);
        }
        return new StateDirectory(dir);
    }

    /** An existing state directory; fails with a clear reason when {@code dir} is not one. */
    public static StateDirectory existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TickjournalException(dir + ": no such state directory");
        }
        if (!Files.exists(dir.resolve(MAP_FILE))) {
            throw new TickjournalException(dir + ": not a state directory (no " + MAP_FILE
                    + "); build one with: tickjournal replay --journal DIR --state " + dir);
        }
        return new StateDirectory(dir);
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The state map file, {@code symbols.cmap}. */
    public Path mapFile() {
        return root.resolve(MAP_FILE);
    }

    /** The bars queue directory, {@code bars/}. */
    public Path barsDir() {
        return root.resolve(BARS_DIR);
    }

    /** Opens the state map (the caller closes it). */
    public StateStore openStore() {
        return StateStore.open(mapFile());
    }

    /** Opens the bars queue (created if absent). */
    public SingleChronicleQueue openBarsQueue() {
        return SingleChronicleQueueBuilder.binary(barsDir()).rollCycle(Journal.DEFAULT_ROLL_CYCLE).build();
    }

    /**
     * Opens the bars queue for reading only: mapped read-only, so a reader never extends or
     * faults in pages of a file (a full disk cannot crash it).
     */
    public SingleChronicleQueue openBarsQueueReadOnly() {
        return SingleChronicleQueueBuilder.binary(barsDir()).readOnly(true).rollCycle(Journal.DEFAULT_ROLL_CYCLE)
                .build();
    }

    /** Writes {@code values} to STATE/state.properties, sorted by key. */
    public void writeMeta(Map<String, String> values) {
        try (Writer w = Files.newBufferedWriter(root.resolve(META_FILE))) {
            for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        } catch (IOException e) {
            throw TickjournalException.io(root.resolve(META_FILE).toString(), e);
        }
    }
}
