package io.tickjournal.cli;

import io.tickjournal.capture.CaptureContext;
import io.tickjournal.capture.CaptureDaemon;
import io.tickjournal.capture.CaptureSettings;
import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingValues;
import io.tickjournal.journal.JournalAppendCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code tickjournal capture}: the capture-host daemon. Its settings ({@link #SETTINGS}: {@link CaptureSettings}
 * and {@link FixSettings}) are options {@code --key VALUE} and keys of the {@code --config FILE} (flat YAML);
 * a flag wins over the file.
 */
@Command(name = "capture", mixinStandardHelpOptions = true, modelTransformer = CaptureCommand.Options.class,
        description = {"Journal a live MoldUDP64 or SoupBinTCP feed and keep the state (books, VWAP, map, bars) "
                + "current.",
                "Runs until stopped: SIGTERM/SIGINT drain the tailer, checkpoint and exit 0. A restart resumes after",
                "the last journaled sequence, asking the feed for what it missed; the tailer resumes from its "
                        + "checkpoint",
                "(or, without a usable one, rebuilds the state from the journal).",
                "Every option below is also a key of the --config file; a flag wins over the file. MS: milliseconds, "
                        + "or with a unit (5s, 250ms); BYTES: bytes, or with k, m or g (64m, 200g)."})
final class CaptureCommand implements Callable<Integer> {
    /** Every capture setting: the options after {@code --config}, and the keys of the config file. */
    static final List<Setting<?>> SETTINGS = Stream.concat(CaptureSettings.ALL.stream(), FixSettings.ALL.stream())
            .toList();

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings (keys as the options below, e.g. 'gap-timeout-ms: 2000')")
    Path config;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SettingValues values = SettingOptions.read(spec, config, new SettingValues(CaptureSettings.SCOPE, SETTINGS));
        FixServeOptions fix = FixSettings.options(values);
        CaptureDaemon.Settings s = new CaptureContext(values).conclude();
        io.tickjournal.kafka.KafkaClients kafkaClients = CaptureKafka.clients(values);
        String refusal = JournalAppendCheck.refusal(s.journal());
        if (refusal != null) {
            System.err.println("tickjournal: error: " + refusal);
            return TickjournalCommand.PROBLEM;
        }
        StopSignal stop = StopSignal.listen();
        CaptureDaemon daemon = new CaptureDaemon(s, System.err::println);
        io.tickjournal.fix.FixGateway fixGateway = null;
        CaptureKafka kafka = null;
        try {
            // before the daemon, so that a FIX port in use stops nothing half-started; the publisher follows the
            // map the daemon then (re)creates
            fixGateway = fix.enabled() ? fix.start(s.state(), System.err::println) : null;
            daemon.start();
            kafka = kafkaClients == null ? null
                    : CaptureKafka.start(kafkaClients, values, s.journal(), s.state(), System.err::println);
            while (!stop.await(100) && daemon.running()) {
                // capturing until stopped
            }
            stop.close(); // from here a signal ends the process at once (a drain that hangs can be cut short)
            System.err.println("capture: stopping: draining the tailer");
            boolean clean = daemon.stop();
            if (kafka != null) {
                System.err.println(kafka.stop());
                kafka = null;
            }
            System.err.println(daemon.statusLine(0));
            org.HdrHistogram.Histogram latency = daemon.receiveToMap();
            if (latency.getTotalCount() > 0) {
                System.err.printf("capture: receive-to-map latency ns (1 message in 64): p50 %,d  p99 %,d  p99.9 %,d"
                                + "  max %,d  (%,d samples)%n", latency.getValueAtPercentile(50),
                        latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9), latency.getMaxValue(),
                        latency.getTotalCount());
            }
            if (daemon.failure() != null) {
                System.err.println("tickjournal: error: capture failed: " + daemon.failure());
                return TickjournalCommand.PROBLEM;
            }
            if (!clean) {
                System.err.println("tickjournal: error: capture did not drain in time");
                return TickjournalCommand.PROBLEM;
            }
            System.err.println("capture: stopped cleanly");
            return TickjournalCommand.OK;
        } finally {
            if (kafka != null) {
                kafka.stop();
            }
            if (fixGateway != null) {
                fixGateway.close();
            }
            stop.close();
        }
    }

    /** Adds an option for each of {@link #SETTINGS} (picocli calls it once, building the command). */
    static final class Options implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec commandSpec) {
            return SettingOptions.add(commandSpec, SETTINGS);
        }
    }
}
