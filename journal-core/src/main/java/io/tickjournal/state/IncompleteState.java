package io.tickjournal.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Marks a state directory as being built, and tells readers when it is not whole. A replay writes
 * {@code STATE/state.properties} with {@code complete=false} before it writes anything else, and
 * again at its end ({@code complete=true}, or {@code complete=false} with {@code stopped_at_index}
 * when it was stopped or failed). A state without {@code state.properties}, or with
 * {@code complete=false}, is incomplete: {@code vwap} and {@code bars} print what it holds with a
 * warning on stderr (see {@link #warning(Path)}). A capture's live state carries no {@code complete} key.
 */
public final class IncompleteState {
    /** The key naming the journal index the replay stopped at. */
    public static final String STOPPED_AT = "stopped_at_index";

    private IncompleteState() {
    }

    /** What a replay writes before anything else: {@code complete=false}. */
    public static Map<String, String> started(Path journal, long windowMs) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("journal", journal.toAbsolutePath().toString());
        m.put("window_ms", Long.toString(windowMs));
        m.put("complete", "false");
        return m;
    }

    /**
     * Records that the replay into {@code state} failed after the record at {@code lastIndex} (-1
     * when none). Best effort: on a full disk even this small file may not be written, and the
     * {@code complete=false} written at the start stands.
     */
    public static void stopped(StateDirectory state, Path journal, long windowMs, long lastIndex) {
        Map<String, String> m = started(journal, windowMs);
        m.put(STOPPED_AT, Long.toString(lastIndex));
        try {
            state.writeMeta(m);
        } catch (RuntimeException e) {
            // the start's complete=false stays
        }
    }

    /**
     * The warning for a reader of {@code stateDir}: "incomplete state (replay stopped at index N)"
     * and its variants, or empty when the state is complete (or a capture's live state).
     */
    public static Optional<String> warning(Path stateDir) {
        Path meta = stateDir.resolve(StateDirectory.META_FILE);
        if (!Files.exists(meta)) {
            return Optional.of("incomplete state (no " + StateDirectory.META_FILE
                    + ": a replay or capture is writing it, or stopped before it was written)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("incomplete state (" + meta + " is unreadable)");
        }
        if (!"false".equals(p.getProperty("complete", "").trim())) {
            return Optional.empty();
        }
        String at = p.getProperty(STOPPED_AT, "").trim();
        return Optional.of(at.isEmpty() || at.equals("-1")
                ? "incomplete state (replay stopped before its end: still running, or killed)"
                : "incomplete state (replay stopped at index " + at + ")");
    }
}
