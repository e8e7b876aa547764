package io.tickjournal.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonOutputTest {
    @Test
    void mapsListsNumbersAndStringsShouldBeWrittenAsJson() {
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("replay", List.of(3_900_000L, 5_600_000L));
        runs.put("empty", List.of());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs_mps", runs);
        root.put("name", "a \"b\"");
        root.put("nan", Double.NaN);
        assertEquals("{\n"
                + "  \"runs_mps\": {\n"
                + "    \"replay\": [3900000, 5600000],\n"
                + "    \"empty\": []\n"
                + "  },\n"
                + "  \"name\": \"a \\\"b\\\"\",\n"
                + "  \"nan\": null\n"
                + "}", JsonOutput.write(root));
    }

    @Test
    void emptyObjectsFloatsAndPathsShouldKeepTheLayoutOfTheFilesScriptsRead() {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("p50", 40L);
        stage.put("ratio", 0.07);
        stage.put("inf", Float.POSITIVE_INFINITY);
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("read", stage);
        latency.put("none", new LinkedHashMap<>());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("journal", java.nio.file.Path.of("/tmp/j"));
        root.put("cancelled", false);
        root.put("latency_ns", latency);
        root.put("empty", Map.of());
        assertEquals("{\n"
                + "  \"journal\": \"/tmp/j\",\n"
                + "  \"cancelled\": false,\n"
                + "  \"latency_ns\": {\n"
                + "    \"read\": {\n"
                + "      \"p50\": 40,\n"
                + "      \"ratio\": 0.07,\n"
                + "      \"inf\": null\n"
                + "    },\n"
                + "    \"none\": {\n"
                + "    }\n"
                + "  },\n"
                + "  \"empty\": {\n"
                + "  }\n"
                + "}", JsonOutput.write(root));
    }
}
