package io.tickjournal.bench;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of {@code journal-benchmarks/target/benchmarks.jar}: JMH's own command line,
 * plus the fork options every tickjournal benchmark needs.
 *
 * <ul>
 *   <li>{@code jvmArgsAppend}: the Java 17 flags Chronicle needs, read from the parent POM's
 *       {@code tickjournal.jvm.flags} (filtered into {@code tickjournal-jvm.flags}; never copied);</li>
 *   <li>{@code jvmArgs}: heap and GC fixed ({@link #HEAP_AND_GC}) unless {@code -jvmArgs} is given;</li>
 *   <li>results as JSON to {@code jmh-result.json} unless {@code -rf}/{@code -rff} are given.</li>
 * </ul>
 *
 * {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf} and {@code -h} go straight to JMH.
 */
public final class BenchmarkMain {
    /** Fixed heap (no resizing during measurement) and one GC for every fork. */
    static final String[] HEAP_AND_GC = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"};

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            if (a.equals("-h") || a.equals("-l") || a.equals("-lp") || a.equals("-lprof") || a.equals("-lrf")) {
                org.openjdk.jmh.Main.main(args);
                return;
            }
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        List<String> append = new ArrayList<>(Arrays.asList(chronicleFlags()));
        if (cli.getJvmArgsAppend().hasValue()) {
            append.addAll(cli.getJvmArgsAppend().get());
        }
        options.jvmArgsAppend(append.toArray(new String[0]));
        if (!cli.getJvmArgs().hasValue()) {
            options.jvmArgs(HEAP_AND_GC);
        }
        if (!cli.getResultFormat().hasValue()) {
            options.resultFormat(ResultFormatType.JSON);
        }
        if (!cli.getResult().hasValue()) {
            options.result("jmh-result.json");
        }
        new Runner(options.build()).run();
    }

    static String[] chronicleFlags() throws IOException {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream("/tickjournal-jvm.flags")) {
            if (in == null) {
                throw new IllegalStateException("tickjournal-jvm.flags missing from the class path");
            }
            String flags = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (flags.isEmpty() || flags.startsWith("${")) {
                throw new IllegalStateException("tickjournal-jvm.flags was not filtered by Maven: " + flags);
            }
            return flags.split("\\s+");
        }
    }
}
