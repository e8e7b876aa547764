package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.capture.CaptureConfig;
import io.tickjournal.capture.CaptureDaemon;
import io.tickjournal.journal.JournalAppendCheck;
import io.tickjournal.journal.JournalRetention;
import io.tickjournal.capture.MoldUdp64Ingestor;
import io.tickjournal.capture.SoupBinTcpIngestor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tickjournal capture}: the capture-host daemon. Settings come from {@code --config FILE}
 * (flat YAML, keys named like the flags) and the flags; a flag wins over the file.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Journal a live MoldUDP64 or SoupBinTCP feed and keep the state (books, VWAP, map, bars) "
                + "current.",
                "Runs until stopped: SIGTERM/SIGINT drain the tailer, checkpoint and exit 0. A restart resumes after",
                "the last journaled sequence, asking the feed for what it missed; the tailer resumes from its "
                        + "checkpoint",
                "(or, without a usable one, rebuilds the state from the journal)."})
final class CaptureCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings (keys as the flags, e.g. 'gap-timeout-ms: 2000')")
    Path config;

    @Option(names = "--journal", paramLabel = "DIR", description = "journal directory (created if absent)")
    String journal;

    @Option(names = "--state", paramLabel = "DIR", description = "state directory, rebuilt from the journal at start")
    String state;

    @Option(names = "--mold", paramLabel = "HOST:PORT",
            description = "MoldUDP64: unicast address to bind, or multicast group to join")
    String mold;

    @Option(names = "--interface", paramLabel = "IP",
            description = "local interface address to join the multicast group on")
    String iface;

    @Option(names = "--request", paramLabel = "HOST:PORT",
            description = "MoldUDP64 re-request server; without it gaps are journaled at once")
    String request;

    @Option(names = "--soup", paramLabel = "HOST:PORT", description = "SoupBinTCP server to log in to")
    String soup;

    @Option(names = "--session", paramLabel = "NAME",
            description = "session to capture (default: the journal's, or the feed's first)")
    String session;

    @Option(names = "--username", paramLabel = "NAME", description = "SoupBinTCP username (default: blank)")
    String username;

    @Option(names = "--password", paramLabel = "TEXT", description = "SoupBinTCP password (default: blank)")
    String password;

    @Option(names = "--source-id", paramLabel = "ID", description = "source id written in each record (default: 0)")
    String sourceId;

    @Option(names = "--window-ms", paramLabel = "MS", description = "bar window in ms of ITCH time (default: 100)")
    String windowMs;

    @Option(names = "--pin", paramLabel = "auto|on|off",
            description = "pin the ingestor and tailer threads (default: auto)")
    String pin;

    @Option(names = "--retransmit-ms", paramLabel = "MS",
            description = "re-request an open gap this often (default: 50)")
    String retransmitMs;

    @Option(names = "--gap-timeout-ms", paramLabel = "MS",
            description = "journal a gap as lost after this long without progress (default: 2000)")
    String gapTimeoutMs;

    @Option(names = "--max-gap", paramLabel = "N",
            description = "a sequence jump above this is a malformed packet (default: 1000000000)")
    String maxGap;

    @Option(names = "--reconnect-ms", paramLabel = "MS", description = "SoupBinTCP reconnect delay (default: 1000)")
    String reconnectMs;

    @Option(names = "--status-interval-ms", paramLabel = "MS",
            description = "one-line status this often; 0 for none (default: 5000)")
    String statusIntervalMs;

    @Option(names = "--metrics-port", paramLabel = "P",
            description = "serve Prometheus /metrics and /healthz on 127.0.0.1:P (0: any free port; default: off)")
    String metricsPort;

    @Option(names = "--stall-ms", paramLabel = "MS",
            description = "/healthz fails when an open session journals nothing for this long (default: 10000)")
    String stallMs;

    @Option(names = "--max-lag", paramLabel = "RECORDS",
            description = "/healthz fails when the tailer lags the journal by more records (default: 1000000)")
    String maxLag;

    @Option(names = "--retain-cycles", paramLabel = "N",
            description = "keep only the last N cycle files (default: all)")
    String retainCycles;

    @Option(names = "--retain-bytes", paramLabel = "BYTES",
            description = "keep at most this many bytes of cycle files, e.g. 200G (default: no limit)")
    String retainBytes;

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "gzip removed cycle files into DIR instead of deleting them")
    String archiveDir;

    @Option(names = "--retention-interval-ms", paramLabel = "MS",
            description = "apply retention this often (default: 60000)")
    String retentionIntervalMs;

    @Option(names = "--checkpoint-interval-ms", paramLabel = "MS",
            description = "write the tailer's checkpoint (what a restart resumes from) this often (default: 60000)")
    String checkpointIntervalMs;

    @Option(names = "--idle", paramLabel = "MODE", description = "what the ingestor and tailer do when idle: backoff "
            + "(spin, yield, then park: little CPU when quiet; default), yield (lower latency, two CPUs always busy), "
            + "spin (lowest latency, for pinned threads with cores of their own)")
    String idle;

    @picocli.CommandLine.Mixin
    FixServeOptions fix;

    private Map<String, String> settings;

    @Override
    public Integer call() throws InterruptedException {
        settings = config == null ? new HashMap<>() : new HashMap<>(CaptureConfig.read(config));
        put("journal", journal);
        put("state", state);
        put("mold", mold);
        put("interface", iface);
        put("request", request);
        put("soup", soup);
        put("session", session);
        put("username", username);
        put("password", password);
        put("source-id", sourceId);
        put("window-ms", windowMs);
        put("pin", pin);
        put("retransmit-ms", retransmitMs);
        put("gap-timeout-ms", gapTimeoutMs);
        put("max-gap", maxGap);
        put("reconnect-ms", reconnectMs);
        put("status-interval-ms", statusIntervalMs);
        put("metrics-port", metricsPort);
        put("stall-ms", stallMs);
        put("max-lag", maxLag);
        put("retain-cycles", retainCycles);
        put("retain-bytes", retainBytes);
        put("archive-dir", archiveDir);
        put("retention-interval-ms", retentionIntervalMs);
        put("checkpoint-interval-ms", checkpointIntervalMs);
        put("idle", idle);

        CaptureDaemon.Settings s = settings();
        String refusal = JournalAppendCheck.refusal(s.journal());
        if (refusal != null) {
            System.err.println("tickjournal: error: " + refusal);
            return TickjournalCommand.PROBLEM;
        }
        StopSignal stop = StopSignal.listen();
        CaptureDaemon daemon = new CaptureDaemon(s, System.err::println);
        io.tickjournal.fix.FixGateway fixGateway = null;
        try {
            // before the daemon, so that a FIX port in use stops nothing half-started; the publisher follows the
            // map the daemon then (re)creates
            fixGateway = fix.enabled() ? fix.start(s.state(), System.err::println) : null;
            daemon.start();
            while (!stop.await(100) && daemon.running()) {
                // capturing until stopped
            }
            stop.close(); // from here a signal ends the process at once (a drain that hangs can be cut short)
            System.err.println("capture: stopping: draining the tailer");
            boolean clean = daemon.stop();
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
            if (fixGateway != null) {
                fixGateway.close();
            }
            stop.close();
        }
    }

    private void put(String key, String flag) {
        if (flag != null) {
            settings.put(key, flag);
        }
    }

    private CaptureDaemon.Settings settings() {
        String journalDir = require("journal", "DIR");
        String stateDir = require("state", "DIR");
        String moldAt = settings.get("mold");
        String soupAt = settings.get("soup");
        if ((moldAt == null) == (soupAt == null)) {
            throw new TickjournalException("give exactly one feed: --mold HOST:PORT or --soup HOST:PORT");
        }
        String sessionName = settings.get("session");
        MoldUdp64Ingestor.Options moldOptions = null;
        SoupBinTcpIngestor.Options soupOptions = null;
        if (moldAt != null) {
            InetSocketAddress listen = NetArgs.hostPort("--mold", moldAt);
            moldOptions = new MoldUdp64Ingestor.Options(listen,
                    NetArgs.address("--interface", settings.get("interface")),
                    NetArgs.hostPort("--request", settings.get("request")), sessionName,
                    positive("retransmit-ms", 50), positive("gap-timeout-ms", 2000),
                    positive("max-gap", 1_000_000_000L));
        } else {
            soupOptions = new SoupBinTcpIngestor.Options(NetArgs.hostPort("--soup", soupAt), sessionName,
                    settings.getOrDefault("username", ""), settings.getOrDefault("password", ""),
                    positive("reconnect-ms", 1000));
        }
        long status = number("status-interval-ms", 5000);
        if (status < 0) {
            throw new TickjournalException("--status-interval-ms must not be negative, got " + status);
        }
        long retainN = number("retain-cycles", 0);
        long retainB = bytes("retain-bytes");
        if (retainN < 0 || retainN > Integer.MAX_VALUE || retainB < 0) {
            throw new TickjournalException("--retain-cycles and --retain-bytes must not be negative");
        }
        String archive = settings.get("archive-dir");
        CaptureDaemon.Operations ops = new CaptureDaemon.Operations((int) number("metrics-port", -1),
                positive("stall-ms", 10_000), number("max-lag", 1_000_000),
                new JournalRetention.Policy((int) retainN, retainB, archive == null ? null : Path.of(archive)),
                positive("retention-interval-ms", 60_000),
                positive("checkpoint-interval-ms", CaptureDaemon.Operations.DEFAULT_CHECKPOINT_INTERVAL_MS),
                CaptureDaemon.Idle.parse(settings.getOrDefault("idle", "backoff")));
        long source = number("source-id", 0);
        if (source < 0 || source > Integer.MAX_VALUE) {
            throw new TickjournalException("--source-id must be 0.." + Integer.MAX_VALUE + ", got " + source);
        }
        return new CaptureDaemon.Settings(Path.of(journalDir), Path.of(stateDir), moldOptions, soupOptions,
                (int) source, positive("window-ms", 100),
                Cli.pinMode(settings.getOrDefault("pin", "auto")),
                status, ops);
    }

    /** A byte count with an optional K, M, G or T suffix (powers of 1024); 0 when absent. */
    private long bytes(String key) {
        String v = settings.get(key);
        if (v == null) {
            return 0;
        }
        String t = v.trim().toUpperCase(java.util.Locale.ROOT);
        int shift = 0;
        if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n < 0 || (shift > 0 && n > (Long.MAX_VALUE >> shift))) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new TickjournalException("--" + key + " must be a byte count such as 500000000 or 200G, got '" + v
                    + "'");
        }
    }

    private String require(String key, String label) {
        String v = settings.get(key);
        if (v == null) {
            throw new TickjournalException("--" + key + " " + label + " is required (as a flag or in --config)");
        }
        return v;
    }

    private long positive(String key, long defaultValue) {
        long v = number(key, defaultValue);
        Cli.requirePositive("--" + key, v);
        return v;
    }

    private long number(String key, long defaultValue) {
        String v = settings.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new TickjournalException("--" + key + " must be a whole number, got '" + v + "'");
        }
    }
}
