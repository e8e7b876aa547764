package io.tickjournal.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.tickjournal.journal.ChronicleStoreLayout.*;
import static io.tickjournal.journal.CycleFileLayout.*;

/**
 * Checks a journal's {@code metadata.cq4t} (Chronicle's table store: roll cycle, directory
 * listing, locks) against its layout ({@link ChronicleStoreLayout}) with bounds-checked reads, so
 * that Chronicle maps it only when every offset it will follow is sound: the header byte for byte,
 * each entry's framing, key and value, the listing's lowest and highest cycles against the cycle
 * files present, and zeros after the last entry. A missing file is fine (Chronicle recreates it).
 */
final class TableStoreCheck {
    /** The keys chronicle-bom 2026.18 writes; a lock's value is "unlocked" or a process id. */
    private static final Set<String> KEYS = Set.of("listing.highestCycle", "listing.lowestCycle", "listing.modCount",
            "chronicle.write.lock", "chronicle.append.lock", "chronicle.lastIndexReplicated",
            "chronicle.lastAcknowledgedIndexReplicated", "chronicle.lastIndexMSynced");
    private static final long UNLOCKED = Long.MIN_VALUE;

    /** What the check found, and the process ids holding a lock (a writer, maybe alive). */
    record Result(List<JournalDamage> damages, List<Long> lockHolders) {
    }

    private TableStoreCheck() {
    }

    /** Checks {@code dir}'s table store; {@code lowestCycle}/{@code highestCycle} of the cycle files, or -1 if none. */
    static Result check(Path dir, long lowestCycle, long highestCycle) {
        Path file = dir.resolve(TABLE_STORE_FILE);
        List<JournalDamage> damages = new ArrayList<>();
        List<Long> holders = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Result(damages, holders);
        }
        try (FileBytes f = FileBytes.open(file)) {
            String why = null;
            long p = 0;
            if (!f.holds(0, TABLE_STORE_HEADER.length)) {
                why = "the file (" + f.size() + " bytes) is shorter than Chronicle's table store header (truncated)";
            } else {
                long diff = f.mismatch(0, TABLE_STORE_HEADER);
                if (diff >= 0) {
                    p = diff;
                    why = "the table store header differs from Chronicle's at this byte (roll cycle, wire type)";
                } else {
                    p = TABLE_STORE_HEADER.length;
                }
            }
            while (why == null) {
                if (!f.holds(p, HEADER_WORD_LENGTH)) {
                    why = "the file ends inside what is written (truncated)";
                    break;
                }
                int h = f.intAt(p);
                if (h == NOTHING_WRITTEN) {
                    long last = f.lastNonZero(p);
                    if (last >= 0) {
                        why = "the entries end here, but bytes up to byte " + last + " follow that are not zero";
                    }
                    break;
                }
                int length = h & LENGTH_MASK;
                if ((h & (NOT_COMPLETE | META_DATA)) != 0 || !f.holds(p + HEADER_WORD_LENGTH, length)) {
                    why = String.format("an entry's header word 0x%08X is not one of a complete entry in the file", h);
                    break;
                }
                why = entry(f, p + HEADER_WORD_LENGTH, length, lowestCycle, highestCycle, holders);
                if (why == null) {
                    p = nextDocument(p, length);
                }
            }
            if (why != null) {
                damages.add(new JournalDamage(file, p, -1, 0, why + " (the table store of the journal)"));
            }
        }
        return new Result(damages, holders);
    }

    /** Checks one entry's content at {@code at}; returns why it is damaged, or null. */
    private static String entry(FileBytes f, long at, int length, long lowest, long highest, List<Long> holders) {
        long end = at + length;
        if (length < 2 || f.byteAt(at) != FIELD_NAME_ANY) {
            return "an entry that does not start with a field name";
        }
        int keyLength = f.byteAt(at + 1);
        long p = at + 2 + keyLength;
        if (p > end) {
            return "an entry whose key runs past its end";
        }
        byte[] key = new byte[keyLength];
        for (int i = 0; i < keyLength; i++) {
            key[i] = (byte) f.byteAt(at + 2 + i);
        }
        String name = new String(key, StandardCharsets.US_ASCII);
        if (!KEYS.contains(name)) {
            return "an entry of unknown key '" + name.replaceAll("[^\\x20-\\x7E]", "?") + "'";
        }
        while (p < end && f.byteAt(p) != INT64) {
            if (f.byteAt(p) == PADDING) {
                p++;
            } else if (f.byteAt(p) == PADDING32 && p + 5 <= end) {
                p += 5 + Math.max(0, f.intAt(p + 1));
            } else {
                return "entry " + name + ": a value that is not an int64";
            }
        }
        if (p + 9 != end) {
            return "entry " + name + ": its value does not end the entry";
        }
        long value = f.longAt(p + 1);
        // Retention may delete old cycle files and a writer may be creating the next one: the
        // listing's bounds must enclose the files, and not reach past the next cycle.
        boolean low = name.equals("listing.lowestCycle");
        if (name.endsWith("Cycle") && lowest >= 0 && (value < 0 || value > highest + 1
                || (low ? value > lowest : value < highest))) {
            return "entry " + name + " is " + value + ", the cycle files run from " + lowest + " to " + highest;
        }
        if (name.endsWith(".lock") && value != UNLOCKED) {
            if (value <= 0 || value > Integer.MAX_VALUE) {
                return "entry " + name + " holds " + value + ": neither unlocked nor a process id";
            }
            holders.add(value);
        }
        return null;
    }
}
