package io.tickjournal.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
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
                + "}", Json.write(root));
    }
}
