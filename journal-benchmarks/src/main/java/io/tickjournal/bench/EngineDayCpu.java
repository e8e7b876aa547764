package io.tickjournal.bench;

import io.tickjournal.engine.MarketEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The engine alone, as {@link EngineDayBenchmark} applies it, timed by the applying thread's CPU
 * time instead of the wall clock: on a machine whose other tenants take the cores away (load 4-8
 * on 2 vCPUs), wall-clock JMH scores of one build moved 2-12 messages/us between iterations,
 * while CPU time per message moves far less, since time spent descheduled is not counted (cache
 * and memory contention still are). Prints each pass's nanoseconds of CPU per message and their
 * minimum and median; the first passes include the JIT's warm-up.
 *
 * <pre>java -cp journal-benchmarks/target/benchmarks.jar [Chronicle flags] io.tickjournal.bench.EngineDayCpu
 *     [MESSAGES [PASSES]]</pre>
 *
 * Defaults: 2,000,000 messages (500 symbols, seed 7, as {@link EngineDayBenchmark}), 12 passes.
 */
public final class EngineDayCpu {
    private static final int DEFAULT_PASSES = 12;

    private EngineDayCpu() {
    }

    /**
     * Runs the measurement; arguments: messages in the day, passes (each over a new engine).
     * Prints one line; exit code 2 for bad arguments.
     */
    public static void main(String[] args) {
        final int messages;
        final int passes;
        try {
            messages = args.length > 0 ? Integer.parseInt(args[0]) : EngineDayBenchmark.MESSAGES;
            passes = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_PASSES;
        } catch (NumberFormatException e) {
            System.err.println("EngineDayCpu: error: arguments are MESSAGES PASSES (whole numbers): " + e.getMessage());
            System.exit(2);
            return;
        }
        if (messages < 1 || passes < 1) {
            System.err.println("EngineDayCpu: error: MESSAGES and PASSES must be positive");
            System.exit(2);
        }
        final GeneratedDay day = new GeneratedDay(EngineDayBenchmark.SYMBOLS, messages, 7);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[] nsPerMessage = new double[passes];
        long trades = 0;
        for (int p = 0; p < passes; p++) {
            final long[] sum = new long[1];
            final MarketEngine engine = GeneratedDay.newEngine(t -> sum[0] += t);
            final long start = threads.getCurrentThreadCpuTime();
            day.applyTo(engine);
            nsPerMessage[p] = (threads.getCurrentThreadCpuTime() - start) / (double)messages;
            if (engine.messages() != messages) {
                throw new IllegalStateException("applied " + engine.messages() + " of " + messages + " messages");
            }
            trades += sum[0];
        }
        final double[] sorted = nsPerMessage.clone();
        Arrays.sort(sorted);
        final StringBuilder each = new StringBuilder();
        for (double ns : nsPerMessage) {
            each.append(each.length() == 0 ? "" : " ").append(String.format("%.1f", ns));
        }
        System.out.printf("engine alone, CPU ns/message: min %.1f median %.1f; passes: %s; bar trades %d%n",
                sorted[0], sorted[passes / 2], each, trades);
    }
}
