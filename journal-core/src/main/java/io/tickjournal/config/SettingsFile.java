package io.tickjournal.config;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.ValueIn;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A settings file: flat YAML, one {@code key: value} per line, read with Chronicle Wire. Unknown keys are
 * an error naming the file, so that a typo does not go unnoticed.
 */
public final class SettingsFile {
    private SettingsFile() {
    }

    /**
     * Reads {@code file} into key -> value text, in file order.
     *
     * @param file the YAML file
     * @param keys every key it may hold
     * @return the values as text, parsed later by their settings
     */
    public static Map<String, String> read(Path file, Collection<String> keys) {
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
                    throw new TickjournalException(file + ": a line without a key (expected key: value; quote a "
                            + "value with a comma in it)");
                }
                if (!keys.contains(k)) {
                    throw new TickjournalException(file + ": unknown key '" + k + "' (known: " + new TreeSet<>(keys)
                            + ")");
                }
                if (v == null) {
                    throw new TickjournalException(file + ": key '" + k + "' has no value");
                }
                values.put(k, v);
            }
        } catch (TickjournalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TickjournalException(file + ": not a flat YAML map of settings (" + e.getMessage() + ")", e);
        }
        return values;
    }
}
