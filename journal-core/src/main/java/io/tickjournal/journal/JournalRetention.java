package io.tickjournal.journal;

import io.tickjournal.TickjournalException;
import net.openhft.chronicle.queue.RollCycle;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Retention of old cycle files: capture hosts fill their disks daily, so a journal may keep
 * only its last N cycles, or at most B bytes of cycle files. Older cycles are deleted, or
 * gzipped into an archive directory first ({@code NAME.cq4.gz}, written to a temporary name and
 * renamed, so a partial archive never looks complete).
 *
 * <p>Safety rules, whatever the policy says:
 * <ul>
 *   <li>the newest cycle file (the one being written) is never removed;</li>
 *   <li>a cycle is removed only when every reader has moved past it: the caller passes the lowest
 *       journal index any tailer or checkpoint still needs, and only cycles strictly before that
 *       index's cycle go;</li>
 *   <li>cycles go oldest first, so what remains is always a contiguous run of the newest cycles.</li>
 * </ul>
 * After removing, the caller refreshes the directory listing of any open queue
 * ({@code SingleChronicleQueue.refreshDirectoryListing()}) so that Chronicle's own readers do not
 * trip over a removed file; {@link CycleFileReader} lists the directory itself and starts at the
 * oldest file present.
 *
 * <p>Not thread-safe: one retention task per journal.
 */
public final class JournalRetention {
    /**
     * What to keep. {@code keepCycles} and {@code maxBytes} of 0 mean no limit of that kind;
     * {@code archiveDir} null means delete.
     */
    public record Policy(int keepCycles, long maxBytes, Path archiveDir) {
        /** Checks the limits are not negative. */
        public Policy {
            if (keepCycles < 0 || maxBytes < 0) {
                throw new TickjournalException("retention limits must not be negative");
            }
        }

        public boolean isActive() {
            return keepCycles > 0 || maxBytes > 0;
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            if (keepCycles > 0) {
                parts.add("keep the last " + keepCycles + " cycles");
            }
            if (maxBytes > 0) {
                parts.add("at most " + maxBytes + " bytes");
            }
            if (parts.isEmpty()) {
                return "keep everything";
            }
            return String.join(" and ", parts)
                    + (archiveDir == null ? ", delete older" : ", archive older to " + archiveDir);
        }
    }

    /** One pass: the cycle files removed (archived or deleted) and their bytes. */
    public record Result(List<String> removed, long bytesRemoved) {
    }

    private final Path dir;
    private final RollCycle rollCycle;
    private final Policy policy;
    private final CycleFiles files;

    /** Retention of the cycle files of {@code journalDir} (rolled by {@code rollCycle}) under {@code policy}. */
    public JournalRetention(Path journalDir, RollCycle rollCycle, Policy policy) {
        this.dir = journalDir;
        this.rollCycle = rollCycle;
        this.policy = policy;
        this.files = new CycleFiles(journalDir, rollCycle);
        if (policy.archiveDir() != null) {
            try {
                Files.createDirectories(policy.archiveDir());
            } catch (IOException e) {
                throw TickjournalException.io(policy.archiveDir().toString(), e);
            }
        }
    }

    /**
     * Applies the policy once.
     *
     * @param lowestNeededIndex the lowest journal index any tailer or checkpoint still needs
     *                          ({@code Long.MAX_VALUE} when nothing reads the journal); cycles
     *                          from this index's cycle on are kept
     */
    public Result apply(long lowestNeededIndex) {
        List<String> removed = new ArrayList<>();
        long bytesRemoved = 0;
        if (!policy.isActive()) {
            return new Result(removed, 0);
        }
        files.refresh();
        int count = files.count();
        long[] sizes = new long[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            sizes[i] = files.file(i).length();
            total += sizes[i];
        }
        int neededCycle = lowestNeededIndex == Long.MAX_VALUE
                ? Integer.MAX_VALUE : rollCycle.toCycle(lowestNeededIndex);
        for (int i = 0; i < count - 1; i++) { // never the newest
            int remaining = count - i;
            boolean overCount = policy.keepCycles() > 0 && remaining > policy.keepCycles();
            boolean overBytes = policy.maxBytes() > 0 && total - bytesRemoved > policy.maxBytes();
            if (!(overCount || overBytes) || files.cycle(i) >= neededCycle) {
                break;
            }
            File file = files.file(i);
            if (policy.archiveDir() != null) {
                archive(file.toPath());
            }
            try {
                Files.deleteIfExists(file.toPath());
            } catch (IOException e) {
                throw TickjournalException.io(file.toString(), e);
            }
            removed.add(files.name(i));
            bytesRemoved += sizes[i];
        }
        return new Result(removed, bytesRemoved);
    }

    /** Bytes of cycle files in the journal directory now. */
    public long journalBytes() {
        return diskBytes(dir);
    }

    /** Bytes of the cycle files in {@code journalDir} (0 when there is none). */
    public static long diskBytes(Path journalDir) {
        File[] cycles = journalDir.toFile().listFiles((d, name) -> name.endsWith(CycleFileLayout.CYCLE_FILE_SUFFIX));
        long total = 0;
        if (cycles != null) {
            for (File f : cycles) {
                total += f.length();
            }
        }
        return total;
    }

    private void archive(Path cycleFile) {
        Path target = policy.archiveDir().resolve(cycleFile.getFileName() + ".gz");
        Path partial = policy.archiveDir().resolve(cycleFile.getFileName() + ".gz.partial");
        try (InputStream in = Files.newInputStream(cycleFile);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw TickjournalException.io(cycleFile + " -> " + partial, e);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw TickjournalException.io(target.toString(), e);
        }
    }
}
