package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import io.tickjournal.itch.ItchLayout;
import io.tickjournal.itch.Symbols;
import io.tickjournal.journal.CycleFileReader;
import io.tickjournal.journal.JournalRecordHandler;
import net.openhft.chronicle.bytes.RandomDataInput;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks {@code replay --symbols} against the journal's stock directory (its ITCH 'R' messages),
 * so that a symbol the journal never lists is refused (exit 2, naming it) instead of replaying
 * nothing for it. The read stops as soon as every symbol asked for is found (the directory comes
 * first in a day), and reads the whole journal only when one is missing.
 */
final class JournalSymbols {
    private JournalSymbols() {
    }

    /**
     * Throws a {@link TickjournalException} naming the symbols of {@code wanted} that {@code journal}
     * does not list.
     */
    static void requireListed(Path journal, Set<String> wanted) {
        if (wanted.isEmpty()) {
            return;
        }
        Set<Long> missing = new HashSet<>();
        wanted.forEach(s -> missing.add(Symbols.pack(s)));
        JournalRecordHandler directory = (RandomDataInput buffer, long offset, int length, long index,
                                          long receiveTimeNs, long sequence) -> {
            if (length > ItchLayout.STOCK_DIRECTORY_STOCK_OFFSET + 8 && buffer.readByte(offset) == 'R') {
                // ITCH fields are big-endian; the packed form has the first character in the high byte.
                missing.remove(Long.reverseBytes(buffer.readLong(offset + ItchLayout.STOCK_DIRECTORY_STOCK_OFFSET)));
            }
        };
        try (CycleFileReader reader = new CycleFileReader(journal, false)) {
            while (!missing.isEmpty() && reader.poll(directory, 1 << 12) > 0) {
                // until every symbol is found or the journal ends
            }
        }
        if (!missing.isEmpty()) {
            Set<String> names = new TreeSet<>();
            missing.forEach(m -> names.add(Symbols.toString(m)));
            throw new TickjournalException("--symbols: " + String.join(", ", names) + ": not in the stock directory "
                    + "of " + journal + " (no ITCH 'R' message lists " + (names.size() == 1 ? "it" : "them") + ")");
        }
    }
}
