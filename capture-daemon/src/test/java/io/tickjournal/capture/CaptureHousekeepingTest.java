package io.tickjournal.capture;

import io.tickjournal.journal.JournalRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.tickjournal.capture.CaptureFixture.await;
import static io.tickjournal.capture.CaptureFixture.mold;
import static io.tickjournal.capture.CaptureFixture.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status-line and retention agents of a capture: they run while it does and end before stop() returns. */
@Timeout(120)
class CaptureHousekeepingTest {
    @TempDir
    Path dir;

    @Test
    void statusLinesAndRetentionRunUntilStopAndNothingFollowsIt() throws InterruptedException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CaptureDaemon.Settings base = settings(dir, mold(0, null, 1_000), null);
        CaptureDaemon.Operations ops = new CaptureDaemon.Operations(-1, 10_000, 1_000_000,
                new JournalRetention.Policy(1, 0, null), 20);
        CaptureDaemon capture = new CaptureDaemon(new CaptureDaemon.Settings(base.journal(), base.state(), base.mold(),
                null, base.sourceId(), base.windowMs(), base.pin(), 50, ops), lines::add).start();
        try {
            await("two status lines", 30_000, () -> statusLines(lines) >= 2);
            assertTrue(alive("status") && alive("retention"), "both run as threads named by their role");
        } finally {
            assertTrue(capture.stop());
        }
        int atStop = statusLines(lines);
        assertFalse(alive("status") || alive("retention"), "both ended before stop() returned");
        Thread.sleep(200); // four status intervals
        assertEquals(atStop, statusLines(lines), "no status line after stop()");
        assertTrue(lines.contains("capture: retention: keep the last 1 cycles, delete older"), lines.toString());
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("failed")).toList());
        assertNull(capture.failure());
    }

    private static int statusLines(List<String> lines) {
        synchronized (lines) {
            return (int) lines.stream().filter(l -> l.startsWith("capture: ") && l.contains(" msg/s, ")).count();
        }
    }

    private static boolean alive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
