package io.tickjournal.state;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The per-symbol state map: a persisted, off-heap Chronicle Map from stock locate to a
 * {@link SymbolStateRecord}. One writer (the tailer) and any number of readers, in this or
 * other processes, may have it open at once; Chronicle Map's per-segment locks make every
 * {@link #put} and {@link #get} atomic for the whole record, so a reader never sees a torn one.
 */
public final class StateStore implements SymbolStateSink, AutoCloseable {
    /** Stock locate is an unsigned 16-bit field. */
    public static final int MAX_LOCATES = 1 << 16;
    private static final Integer[] KEYS = new Integer[MAX_LOCATES];

    static {
        for (int i = 0; i < KEYS.length; i++) {
            KEYS[i] = i;
        }
    }

    private final Path file;
    private final ChronicleMap<Integer, SymbolStateRecord> map;

    private StateStore(Path file, ChronicleMap<Integer, SymbolStateRecord> map) {
        this.file = file;
        this.map = map;
    }

    /** Opens the map file, creating it when absent. Safe to call from several processes at once. */
    public static StateStore open(Path file) {
        try {
            ChronicleMap<Integer, SymbolStateRecord> map = ChronicleMap
                    .of(Integer.class, SymbolStateRecord.class)
                    .name("tickjournal-symbols")
                    .entries(MAX_LOCATES)
                    .constantValueSizeBySample(new SymbolStateRecord())
                    .putReturnsNull(true)
                    // Closed by its owner, in order, also on SIGTERM/Ctrl-C (the shutdown hooks of replay and
                    // capture): Chronicle's own exit hook would close it under a thread still writing.
                    .skipCloseOnExitHook(true)
                    .removeReturnsNull(true)
                    // Entry checksums serve only Chronicle Map's crash recovery, which tickjournal never
                    // uses (the map is derived state: replay and a capture restart write it anew); without
                    // them a put costs about a quarter less (StateStoreBenchmark: 2.3-2.6 against 1.8-2.1
                    // puts per us).
                    .checksumEntries(false)
                    .createPersistedTo(file.toFile());
            return new StateStore(file, map);
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
    }

    /** Writes (replaces) the record of {@code record.locate}. Allocation-free. */
    @Override
    public void put(SymbolStateRecord record) {
        map.put(KEYS[record.locate], record);
    }

    /** Reads the record of {@code locate} into {@code into}; false when the symbol has none. */
    public boolean get(int locate, SymbolStateRecord into) {
        return map.getUsing(KEYS[locate], into) != null;
    }

    /** The locates that have a record, ascending. */
    public int[] locates() {
        int[] locates = map.keySet().stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(locates);
        return locates;
    }

    /** Number of symbols with a record. */
    public long size() {
        return map.longSize();
    }

    /** The map file. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        map.close();
    }
}
