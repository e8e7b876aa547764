package io.tickjournal.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The calling thread's time on a CPU and its time runnable but waiting for one, as Linux's scheduler
 * counts them ({@code /proc/thread-self/schedstat}: three numbers, ns on the CPU, ns waiting on a run
 * queue, time slices run). The wait is what a spinning thread loses to other runnable threads on a
 * machine with no core to spare: the live path's evidence for where its stalls come from.
 *
 * @param runNs  ns the thread has run
 * @param waitNs ns the thread was runnable and waited for a CPU
 */
public record SchedulerTime(long runNs, long waitNs) {
    private static final Path SELF = Path.of("/proc/thread-self/schedstat");

    /** The calling thread's times so far; null where the file is missing or unreadable (not Linux, no schedstats). */
    public static SchedulerTime ofCurrentThread() {
        try {
            return parse(Files.readString(SELF));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Parses a schedstat line, "run_ns wait_ns slices"; null when it is not one. */
    static SchedulerTime parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 2) {
            return null;
        }
        try {
            return new SchedulerTime(Long.parseLong(f[0]), Long.parseLong(f[1]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The times from {@code earlier} to this one; null when either is unknown. */
    public SchedulerTime since(SchedulerTime earlier) {
        return earlier == null ? null : new SchedulerTime(runNs - earlier.runNs, waitNs - earlier.waitNs);
    }
}
