package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A capture config file: flat YAML, one {@code key: value} per line, read with Chronicle Wire.
 * The keys are the long names of the {@code tickjournal capture} flags without the dashes in
 * front ({@code journal}, {@code mold}, {@code gap-timeout-ms}, ...); a flag given on the command
 * line wins over the file. Unknown keys are an error, so that a typo does not go unnoticed.
 */
public final class CaptureConfig {
    /** Every key a config file may hold. */
    public static final Set<String> KEYS = Set.of("journal", "state", "mold", "interface", "request", "soup", "session",
            "source-id", "window-ms", "pin", "retransmit-ms", "gap-timeout-ms", "max-gap", "status-interval-ms",
            "metrics-port", "username", "password", "reconnect-ms", "stall-ms", "max-lag", "retain-cycles",
                    "retain-bytes",
            "archive-dir", "retention-interval-ms", "checkpoint-interval-ms", "idle");

    private CaptureConfig() {
    }

    /** Reads {@code file} into key -> value text, in file order. */
    public static Map<String, String> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TickjournalException.io(file.toString(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            Wire wire = WireType.YAML_ONLY.apply(Bytes.from(text));
            StringBuilder key = new StringBuilder();
            while (wire.isNotEmptyAfterPadding()) {
                ValueIn in = wire.read(key);
                String k = key.toString();
                String v = in.text();
                if (k.isEmpty()) {
                    throw new TickjournalException(file + ": a line without a key (expected key: value)");
                }
                if (!KEYS.contains(k)) {
                    throw new TickjournalException(file + ": unknown key '" + k + "' (known: "
                            + new java.util.TreeSet<>(KEYS) + ")");
                }
                if (v == null) {
                    throw new TickjournalException(file + ": key '" + k + "' has no value");
                }
                values.put(k, v);
            }
        } catch (TickjournalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TickjournalException(file + ": not a flat YAML map of capture settings (" + e.getMessage() + ")",
                    e);
        }
        return values;
    }
}
