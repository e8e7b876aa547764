package io.tickjournal.capture;

import io.tickjournal.TickjournalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureConfigTest {
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
        assertEquals(expected, CaptureConfig.read(Path.of("../data/capture.yaml")));
    }

    @Test
    void unknownKeysAndMissingValuesAreRefusedNamingTheFile() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "journal: /j\njournl: /typo\n");
        TickjournalException e = assertThrows(TickjournalException.class, () -> CaptureConfig.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": unknown key 'journl'"), e.getMessage());
        assertThrows(TickjournalException.class, () -> CaptureConfig.read(dir.resolve("absent.yaml")));
    }

    @Test
    void idleModesParseAndABadOneIsRefused() {
        assertEquals(CaptureDaemon.Idle.BACKOFF, CaptureDaemon.Idle.parse("backoff"));
        assertEquals(CaptureDaemon.Idle.YIELD, CaptureDaemon.Idle.parse(" Yield "));
        assertEquals(CaptureDaemon.Idle.SPIN, CaptureDaemon.Idle.parse("SPIN"));
        TickjournalException e = assertThrows(TickjournalException.class, () -> CaptureDaemon.Idle.parse("fast"));
        assertEquals("--idle must be backoff, yield or spin, got 'fast'", e.getMessage());
    }
}
