package io.tickjournal.engine;

import net.openhft.affinity.AffinityLock;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Pins hot threads to a CPU with OpenHFT Affinity where a core is free, and degrades to
 * unpinned (saying so once per process) where none is: on a machine of fewer than
 * {@link #MIN_CPUS_FOR_AUTO} CPUs, pinning a busy-spinning thread would starve the OS, the
 * JIT and the garbage collector.
 */
public final class CorePinning {
    /** AUTO pins only when at least this many CPUs are available. */
    public static final int MIN_CPUS_FOR_AUTO = 3;

    /** The pinning policy, from the {@code --pin} option. */
    public enum Mode {
        /** Pin when a core is free (at least {@value CorePinning#MIN_CPUS_FOR_AUTO} CPUs), else unpinned. */
        AUTO,
        /** Try to pin whatever the CPU count; unpinned if Affinity cannot give a core. */
        ON,
        /** Never pin. */
        OFF
    }

    private static final AtomicBoolean SAID_UNPINNED = new AtomicBoolean();

    private CorePinning() {
    }

    /**
     * Pins the calling thread according to {@code mode}.
     *
     * @param role what the thread does, for the message ("tailer")
     * @param say  receives one line describing the outcome (the unpinned line at most once per process)
     * @return the lock to release when the thread ends, or null when unpinned
     */
    public static AffinityLock pinCurrentThread(String role, Mode mode, Consumer<String> say) {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (mode == Mode.OFF) {
            sayUnpinned(say, role + ": unpinned (--pin off)");
            return null;
        }
        if (mode == Mode.AUTO && cpus < MIN_CPUS_FOR_AUTO) {
            sayUnpinned(say, role + ": unpinned: " + cpus + " CPUs, pinning needs a free core (at least "
                    + MIN_CPUS_FOR_AUTO + " CPUs; --pin on forces it)");
            return null;
        }
        try {
            AffinityLock lock = AffinityLock.acquireLock();
            if (lock.isBound()) {
                say.accept(role + ": pinned to CPU " + lock.cpuId());
                return lock;
            }
            lock.release();
            sayUnpinned(say, role + ": unpinned: no free CPU could be reserved");
        } catch (RuntimeException | LinkageError e) {
            sayUnpinned(say, role + ": unpinned: affinity not available (" + e.getMessage() + ")");
        }
        return null;
    }

    private static void sayUnpinned(Consumer<String> say, String line) {
        if (SAID_UNPINNED.compareAndSet(false, true)) {
            say.accept(line);
        }
    }
}
