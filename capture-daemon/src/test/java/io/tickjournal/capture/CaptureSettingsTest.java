package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingsFile;
import io.tickjournal.engine.CorePinning;
import io.tickjournal.journal.JournalRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureSettingsTest {
    static final List<String> KEYS = CaptureSettings.ALL.stream().map(Setting::key).toList();

    @TempDir
    Path dir;

    @Test
    void theExampleConfigReadsAsItsKeysAndValues() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("journal", "/var/lib/tickjournal/journal");
        expected.put("state", "/var/lib/tickjournal/state");
        expected.put("mold", "239.255.10.1:26400");
        expected.put("interface", "127.0.0.1");
        expected.put("request", "127.0.0.1:26401");
        expected.put("session", "TICKJ00001");
        expected.put("source-id", "1");
        expected.put("window-ms", "100");
        expected.put("pin", "auto");
        expected.put("retransmit-ms", "50");
        expected.put("gap-timeout-ms", "2000");
        expected.put("status-interval-ms", "5000");
        expected.put("metrics-port", "9464");
        expected.put("stall-ms", "10000");
        expected.put("max-lag", "1000000");
        expected.put("retain-cycles", "5");
        expected.put("archive-dir", "/var/lib/tickjournal/archive");
        expected.put("checkpoint-interval-ms", "60000");
        expected.put("idle", "backoff");
        assertEquals(expected, SettingsFile.read(Path.of("../data/capture.yaml"), KEYS));
    }

    @Test
    void unknownKeysAndMissingValuesAreRefusedNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "journal: /j\njournl: /typo\n");
        TickjournalException e = assertThrows(TickjournalException.class, () -> SettingsFile.read(bad, KEYS));
        assertTrue(e.getMessage().startsWith(bad + ": unknown key 'journl'"), e.getMessage());
        assertThrows(TickjournalException.class, () -> SettingsFile.read(dir.resolve("absent.yaml"), KEYS));
    }

    @Test
    void idleModesParseAndABadOneIsRefused() {
        assertEquals(CaptureDaemon.Idle.BACKOFF, CaptureDaemon.Idle.parse("backoff"));
        assertEquals(CaptureDaemon.Idle.YIELD, CaptureDaemon.Idle.parse(" Yield "));
        assertEquals(CaptureDaemon.Idle.SPIN, CaptureDaemon.Idle.parse("SPIN"));
        TickjournalException e = assertThrows(TickjournalException.class, () -> CaptureDaemon.Idle.parse("fast"));
        assertEquals("capture setting 'idle': must be backoff, yield or spin, got 'fast'", e.getMessage());
    }

    @Test
    void everyMoldSettingArrivesInTheDaemonSettings() throws Exception {
        CaptureContext context = new CaptureContext();
        context.values().set("journal", "/j").set("state", "/s").set("mold", "127.0.0.1:26400")
                .set("interface", "127.0.0.1").set("request", "127.0.0.1:26401").set("session", "TICKJ00001")
                .set("source-id", "7").set("window-ms", "1s").set("pin", "off").set("retransmit-ms", "20")
                .set("gap-timeout-ms", "3s").set("max-gap", "5000").set("status-interval-ms", "0")
                .set("metrics-port", "9464").set("stall-ms", "2500ms").set("max-lag", "99").set("retain-cycles", "5")
                .set("retain-bytes", "200g").set("archive-dir", "/a").set("retention-interval-ms", "30s")
                .set("checkpoint-interval-ms", "45000000us").set("idle", "spin");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        CaptureDaemon.Settings expected = new CaptureDaemon.Settings(Path.of("/j"), Path.of("/s"),
                new MoldUdp64Ingestor.Options(new InetSocketAddress(loopback, 26400), loopback,
                        new InetSocketAddress(loopback, 26401), "TICKJ00001", 20, 3000, 5000), null, 7, 1000,
                CorePinning.Mode.OFF, 0, new CaptureDaemon.Operations(9464, 2500, 99,
                new JournalRetention.Policy(5, 200L << 30, Path.of("/a")), 30_000, 45_000, CaptureDaemon.Idle.SPIN));
        assertEquals(expected, context.conclude());
    }

    @Test
    void soupSettingsAndTheDefaults() throws Exception {
        CaptureContext context = new CaptureContext();
        context.values().set("journal", "/j").set("state", "/s").set("soup", "127.0.0.1:26402")
                .set("username", "user").set("password", "secret").set("reconnect-ms", "250");
        CaptureDaemon.Settings expected = new CaptureDaemon.Settings(Path.of("/j"), Path.of("/s"), null,
                new SoupBinTcpIngestor.Options(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 26402), null,
                        "user", "secret", 250), 0, 100, CorePinning.Mode.AUTO, 5000, CaptureDaemon.Operations.NONE);
        assertEquals(expected, context.conclude());
    }

    @Test
    void missingOrConflictingSettingsAreRefusedNamingThem() {
        CaptureContext none = new CaptureContext();
        assertEquals("capture setting 'journal': is required (as a flag or in the config file)",
                assertThrows(TickjournalException.class, none::conclude).getMessage());
        CaptureContext both = new CaptureContext();
        both.values().set("journal", "/j").set("state", "/s").set("mold", "127.0.0.1:1").set("soup", "127.0.0.1:2");
        assertEquals("capture settings: give exactly one feed, 'mold' (HOST:PORT) or 'soup' (HOST:PORT)",
                assertThrows(TickjournalException.class, both::conclude).getMessage());
        assertEquals("unknown capture setting 'journl'", assertThrows(TickjournalException.class,
                () -> none.values().set("journl", "/j")).getMessage());
        assertEquals("capture setting 'window-ms': must be positive, got 0", assertThrows(TickjournalException.class,
                () -> new CaptureDaemon.Settings(Path.of("/j"), Path.of("/s"), null,
                        new SoupBinTcpIngestor.Options(null, null, "", "", 1), 0, 0, CorePinning.Mode.OFF, 0))
                .getMessage());
    }
}
