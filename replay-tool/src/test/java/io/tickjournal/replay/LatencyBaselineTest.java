package io.tickjournal.replay;

import io.tickjournal.TickjournalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyBaselineTest {
    @Test
    void baselinesThatAreNotSummariesShouldBeRefusedWithTheFileAndTheReason(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"latency_ns\": {\"read\": {\"p50\": 4");
        String reason = assertThrows(TickjournalException.class, () -> LatencyBaseline.read(broken)).getMessage();
        assertEquals(broken + ": not a JSON summary", reason.substring(0, reason.indexOf(" (")));

        Path bench = Files.writeString(dir.resolve("other.json"), "{\"messages\": 10}");
        assertEquals(bench + ": not a replay summary with latencies (no \"latency_ns\"; "
                        + "write one with replay --latency --summary-json FILE)",
                assertThrows(TickjournalException.class, () -> LatencyBaseline.read(bench)).getMessage());
    }

    @Test
    void stagesShouldBeReadFromTheLatencyObjectOnly(@TempDir Path dir) throws IOException {
        Path json = Files.writeString(dir.resolve("s.json"), "{\n  \"messages\": 5,\n  \"latency_ns\": {\n"
                + "    \"read\": {\n      \"p50\": 40,\n      \"count\": 100\n    },\n"
                + "    \"book\": {\n      \"p50\": 110\n    }\n  }\n}\n");
        assertEquals(2, LatencyBaseline.read(json).stages());
    }
}
