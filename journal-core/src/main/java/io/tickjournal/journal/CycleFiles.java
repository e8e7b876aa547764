package io.tickjournal.journal;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.RollingResourcesCache;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.tickjournal.journal.CycleFileLayout.CYCLE_FILE_SUFFIX;

/**
 * The cycle files of one journal directory, in order, with their cycle numbers as Chronicle
 * computes them from the file names (its own {@link RollingResourcesCache}, so the numbers are
 * Chronicle's exactly). Assumes the queue's default epoch (0: cycles roll at midnight UTC), which
 * is what {@link Journal} builds.
 *
 * <p>Not thread-safe; listing allocates, so it is for the idle path only.
 */
final class CycleFiles {
    private final Path dir;
    private final RollingResourcesCache names;
    private String[] files = new String[0];
    private int[] cycles = new int[0];

    CycleFiles(Path dir, RollCycle rollCycle) {
        if (!Files.isDirectory(dir)) {
            throw new TickjournalException(dir + ": no such journal directory");
        }
        this.dir = dir;
        File base = dir.toFile();
        this.names = new RollingResourcesCache(rollCycle, 0, name -> new File(base, name + CYCLE_FILE_SUFFIX),
                file -> stripSuffix(file.getName()));
    }

    /** Lists the directory again; lexical order of the names is the order of the cycles. */
    void refresh() {
        String[] listed = dir.toFile().list((d, name) -> name.endsWith(CYCLE_FILE_SUFFIX));
        if (listed == null) {
            throw TickjournalException.io(dir.toString(), new IOException("cannot list the journal directory"));
        }
        Arrays.sort(listed);
        int[] parsed = new int[listed.length];
        for (int i = 0; i < listed.length; i++) {
            try {
                parsed[i] = names.parseCount(stripSuffix(listed[i]));
            } catch (RuntimeException e) {
                throw new TickjournalException(dir.resolve(listed[i]) + ": not a cycle file name of this roll cycle",
                        e);
            }
        }
        files = listed;
        cycles = parsed;
    }

    int count() {
        return files.length;
    }

    String name(int i) {
        return files[i];
    }

    File file(int i) {
        return dir.resolve(files[i]).toFile();
    }

    int cycle(int i) {
        return cycles[i];
    }

    /** Position of {@code name} in the current listing, or -1. */
    int indexOfName(String name) {
        int i = Arrays.binarySearch(files, name);
        return i >= 0 ? i : -1;
    }

    /** Position of the file of {@code cycle} in the current listing, or -1. */
    int indexOfCycle(int cycle) {
        for (int i = 0; i < cycles.length; i++) {
            if (cycles[i] == cycle) {
                return i;
            }
        }
        return -1;
    }

    private static String stripSuffix(String name) {
        return name.substring(0, name.length() - CYCLE_FILE_SUFFIX.length());
    }
}
