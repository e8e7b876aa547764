package io.tickjournal.replay;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the machine's CPU time went, at one moment: every thread of this process (Linux's
 * {@code /proc/self/task/TID/schedstat}, ns on a CPU, by the thread's name), and the machine's busy and
 * stolen time ({@code /proc/stat}, clock ticks of 10 ms). Two snapshots around a measured window say
 * who else ran while two spinning threads of the live path waited for a CPU: the JIT compilers, the
 * collector, other processes, or the hypervisor (steal). Reads about two small files a thread (a few
 * ms for a JVM's 40 threads): take it where that does not land in what is measured.
 */
public final class CpuSnapshot {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path PROCESS_STAT = Path.of("/proc/self/stat");
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Linux's USER_HZ, the unit of /proc/stat on every architecture the JVM runs on. */
    private static final long TICK_NS = 10_000_000L;

    /** A thread's name and its ns on a CPU so far. */
    private record ThreadCpu(String name, long runNs) {
    }

    /** By thread id. */
    private final Map<String, ThreadCpu> threads;
    /** This process's CPU time, its ended threads' included. */
    private final long processNs;
    private final long busyNs;
    private final long stealNs;

    private CpuSnapshot(Map<String, ThreadCpu> threads, long processNs, long busyNs, long stealNs) {
        this.threads = threads;
        this.processNs = processNs;
        this.busyNs = busyNs;
        this.stealNs = stealNs;
    }

    /** The calling thread's id (its /proc/self/task entry), or "" where unknown. */
    public static String currentThreadId() {
        try {
            return Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Now; null where /proc is not there to read (not Linux). */
    public static CpuSnapshot take() {
        Map<String, ThreadCpu> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    SchedulerTime t = SchedulerTime.parse(Files.readString(task.resolve("schedstat")));
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (t != null) {
                        threads.put(task.getFileName().toString(), new ThreadCpu(name, t.runNs()));
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read: it ran nothing in the window that matters
                }
            }
            long[] machine = parseStat(Files.readAllLines(STAT).get(0));
            return new CpuSnapshot(threads, processTicks(Files.readString(PROCESS_STAT)) * TICK_NS, machine[0],
                    machine[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The first line of /proc/stat ("cpu user nice system idle iowait irq softirq steal ..."): the
     * busy time (all but idle, iowait and steal) and the stolen time, ns.
     */
    static long[] parseStat(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 7; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(f[i]);
            }
        }
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        return new long[] {busy * TICK_NS, steal * TICK_NS};
    }

    /**
     * This process's utime + stime from /proc/self/stat (fields 14 and 15, counted after the
     * parenthesised command name, which may hold spaces), clock ticks.
     */
    static long processTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /**
     * From {@code earlier} to this snapshot: the CPU time of this process's threads still running, but
     * for the thread ids in {@code except}, in ms by thread name (threads of one name added up), with the
     * keys "(other processes)" (the machine's busy time less this process's) and "(hypervisor steal)".
     */
    public Map<String, Long> since(CpuSnapshot earlier, Set<String> except) {
        Map<String, Long> byName = new TreeMap<>();
        for (Map.Entry<String, ThreadCpu> e : threads.entrySet()) {
            if (except.contains(e.getKey())) {
                continue;
            }
            ThreadCpu before = earlier.threads.get(e.getKey());
            long ran = e.getValue().runNs() - (before == null ? 0 : before.runNs());
            byName.merge(e.getValue().name(), ran / 1_000_000, Long::sum);
        }
        byName.values().removeIf(ms -> ms == 0);
        long process = processNs - earlier.processNs;
        byName.put("(other processes)", Math.max(0, (busyNs - earlier.busyNs) - process) / 1_000_000);
        byName.put("(hypervisor steal)", (stealNs - earlier.stealNs) / 1_000_000);
        return byName;
    }
}
