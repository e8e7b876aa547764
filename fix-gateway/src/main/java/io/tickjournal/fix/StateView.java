package io.tickjournal.fix;

import io.tickjournal.itch.Symbols;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The live per-symbol state map of a state directory, read as {@code tickjournal vwap} reads it, while a
 * {@code capture} or {@code replay} (in this or another process) writes it.
 *
 * <p>A replay or a capture restart replaces the map file (deletes it and creates a new one); {@link #recheck}
 * notices that by the file's identity (device and inode) and reopens, so a long-running publisher follows
 * the new state. Until the file exists, every symbol is unknown.
 *
 * <p>Thread safety: every method is synchronized; the acceptor thread (snapshots, symbol look-ups) and the
 * poller thread share one instance. Reads are allocation-free; look-ups of a symbol not seen before rescan
 * the map at most once per {@link #RESCAN_INTERVAL_NS}.
 */
public final class StateView implements AutoCloseable {
    /** A symbol missing from the index is looked for in the map again at most this often (a rescan lists keys). */
    static final long RESCAN_INTERVAL_NS = 100_000_000L;

    private final Path mapFile;
    private final Map<String, Integer> locates = new HashMap<>();
    private StateStore store;
    private Object fileKey;
    private long lastRescanNs = Long.MIN_VALUE / 2;
    private long reopens;

    /** A view of {@code stateDir}'s map; opens it when it exists, else on a later {@link #recheck}. */
    public StateView(Path stateDir) {
        this.mapFile = stateDir.resolve(StateDirectory.MAP_FILE);
        recheck();
    }

    /**
     * Reopens the map when its file was replaced or has appeared; closes it when it disappeared. Cheap
     * enough (one stat) to call a few times a second. Returns true when the view changed.
     */
    public synchronized boolean recheck() {
        Object key = currentFileKey();
        if (Objects.equals(key, fileKey) && (store != null) == (key != null)) {
            return false;
        }
        closeStore();
        fileKey = key;
        if (key != null) {
            store = StateStore.open(mapFile);
            reopens++;
        }
        lastRescanNs = Long.MIN_VALUE / 2;
        return true;
    }

    /** Times the map was opened (1 after a start on an existing state; more when it was replaced). */
    public synchronized long opens() {
        return reopens;
    }

    /** The stock locate of {@code symbol} (as the feed spells it, e.g. "AAPL"), or -1 when the state has none. */
    public synchronized int locateOf(String symbol) {
        Integer locate = locates.get(symbol);
        if (locate == null && store != null && System.nanoTime() - lastRescanNs >= RESCAN_INTERVAL_NS) {
            rescan();
            locate = locates.get(symbol);
        }
        return locate == null ? -1 : locate;
    }

    /** Reads the record of {@code locate} into {@code into}; false when there is none (or no map yet). */
    public synchronized boolean read(int locate, SymbolStateRecord into) {
        return store != null && store.get(locate, into);
    }

    private void rescan() {
        lastRescanNs = System.nanoTime();
        locates.clear();
        SymbolStateRecord r = new SymbolStateRecord();
        for (int locate : store.locates()) {
            if (store.get(locate, r)) {
                locates.put(Symbols.toString(r.stock), locate);
            }
        }
    }

    private Object currentFileKey() {
        try {
            return Files.readAttributes(mapFile, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null; // not there (yet, or between a replay's delete and create)
        }
    }

    private void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
        locates.clear();
    }

    @Override
    public synchronized void close() {
        closeStore();
        fileKey = null;
    }
}
