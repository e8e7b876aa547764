package io.tickjournal.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalSizingTest {
    @TempDir
    Path journal;

    @Test
    void aSmallJournalKeepsTheExpectedTradesOption() throws IOException {
        sparse("20261205F.cq4", 83_886_080); // a fresh cycle file: 80 MiB allocated
        assertEquals(1 << 20, JournalSizing.expectedTrades(journal, 1 << 20));
        assertEquals(1 << 20, JournalSizing.expectedOrders(journal, 1 << 20, 1));
    }

    @Test
    void aLongJournalSizesTheLogFromItsCycleFiles() throws IOException {
        // The realistic 10M-message day's cycle file, and a second cycle of 1 GiB; metadata does not count.
        sparse("20261205F.cq4", 687_865_856);
        sparse("20261206F.cq4", 1L << 30);
        sparse("metadata.cq4t", 1L << 30);
        long bytes = 687_865_856L + (1L << 30);
        assertEquals(bytes / 52 / 16, JournalSizing.expectedTrades(journal, 1 << 20));
        assertEquals(5_000_000, JournalSizing.expectedTrades(journal, 5_000_000), "the option stays a floor");
        // The 10M-message day and a 1 GiB cycle: 33.9M records estimated, 1.06M order entries.
        assertEquals(bytes / 52 / 32, JournalSizing.expectedOrders(journal, 1 << 20, 1));
        assertEquals(1 << 22, JournalSizing.expectedOrders(journal, 1 << 22, 1), "the option stays a floor");
    }

    private void sparse(String name, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(journal.resolve(name).toFile(), "rw")) {
            f.setLength(length);
        }
        assertEquals(length, Files.size(journal.resolve(name)));
    }
}
