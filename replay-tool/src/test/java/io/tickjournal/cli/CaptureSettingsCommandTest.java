package io.tickjournal.cli;

import io.tickjournal.capture.CaptureSettings;
import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingValues;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture's settings, defined once in {@link CaptureCommand#SETTINGS}: file, flags, help, docs and errors. */
class CaptureSettingsCommandTest {
    /** Two values of every setting, both unlike its default: the first in the file, the second as a flag. */
    static final Map<String, List<String>> SAMPLES = samples(
            "journal", "/j1", "/j2", "state", "/s1", "/s2", "mold", "127.0.0.1:26400", "127.0.0.1:26500",
            "interface", "127.0.0.1", "127.0.0.2", "request", "127.0.0.1:26401", "127.0.0.1:26501",
            "soup", "127.0.0.1:26402", "127.0.0.1:26502", "session", "TICKJ00001", "TICKJ00002",
            "username", "alice", "bob", "password", "one", "two", "source-id", "1", "2", "window-ms", "1s", "250",
            "pin", "off", "ON", "retransmit-ms", "20ms", "30", "gap-timeout-ms", "1", "60000",
            "max-gap", "5000", "6000", "reconnect-ms", "2s", "3000", "status-interval-ms", "0", "500",
            "metrics-port", "9464", "0", "stall-ms", "5000", "7s", "max-lag", "10", "20", "retain-cycles", "5", "6",
            "retain-bytes", "200G", "64m", "archive-dir", "/a1", "/a2", "retention-interval-ms", "1000", "2s",
            "checkpoint-interval-ms", "300", "1500ms", "idle", "yield", "spin",
            "kafka", "127.0.0.1:9092", "127.0.0.1:9093", "topic", "t1", "t2", "partitions", "2", "4",
            "kafka-config", "/k1", "/k2", "bars-topic", "b1", "b2",
            "fix-port", "0", "9878",
            "fix-bind", "0.0.0.0", "localhost", "fix-sender-comp-id", "TJ1", "TJ2", "fix-allow", "A,B", "C",
            "fix-min-interval-ms", "10", "1s");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("every setting round-trips from the YAML file and from its flag, and the flag wins")
    void everySettingFromTheFileAndFromItsFlag() throws IOException {
        assertEquals(CaptureCommand.SETTINGS.stream().map(Setting::key).toList(), List.copyOf(SAMPLES.keySet()),
                "a sample for every setting");
        Path config = tmp.resolve("capture.yaml");
        // a list is quoted in YAML (Chronicle Wire reads a bare comma as the end of the value)
        Files.writeString(config, SAMPLES.entrySet().stream().map(e -> e.getKey() + ": " + yaml(e.getValue().get(0)))
                .collect(Collectors.joining("\n", "# every setting\n", "\n")));
        List<String> flags = new ArrayList<>(List.of("--config", config.toString()));
        SettingValues fromFile = read(flags);
        SAMPLES.forEach((key, v) -> flags.addAll(List.of("--" + key, v.get(1))));
        SettingValues fromBoth = read(flags);
        for (Setting<?> s : CaptureCommand.SETTINGS) {
            List<String> sample = SAMPLES.get(s.key());
            assertEquals(s.parse(sample.get(0)), fromFile.get(s), s + " from the file");
            assertEquals(s.parse(sample.get(1)), fromBoth.get(s), s + " from its flag, over the file");
            assertNotEquals(s.defaultValue(), fromFile.get(s), s + " sample unlike the default");
            assertNotEquals(fromFile.get(s), fromBoth.get(s), s + " samples unlike each other");
        }
    }

    @Test
    @DisplayName("a bad size, duration, port, address or key: exit 2, one line naming the setting and the value")
    void badValuesAreRefusedNamingTheSetting() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, "journal: " + tmp.resolve("j") + "\nstate: " + tmp.resolve("s")
                + "\ngap-timeout-ms: soon\n");
        assertRefused("capture setting 'gap-timeout-ms': must be a positive duration in ms, or with a unit: 5s, "
                + "250ms, 2000us, got 'soon'", "--config", config.toString());
        assertRefused("capture setting 'retain-bytes': must be a byte count such as 500000000, 64m or 200g, "
                + "got '12X'", "--retain-bytes", "12X");
        assertRefused("capture setting 'metrics-port': must be a whole number from -1 to 65535, got '70000'",
                "--metrics-port", "70000");
        assertRefused("capture setting 'fix-port': must be a whole number from 0 to 65535, got '-5'",
                "--fix-port", "-5");
        assertRefused("capture setting 'mold': port must be a number from 0 to 65535, got '127.0.0.1:http'",
                "--mold", "127.0.0.1:http");
        assertRefused("capture setting 'journal': is required (as a flag or in the config file)",
                "--state", tmp.resolve("s").toString(), "--mold", "127.0.0.1:5000");
        Files.writeString(config, "journal: /tmp/x\nstate: /tmp/y\nmodl: 127.0.0.1:5000\n");
        CommandLineTest.Run r = CommandLineTest.run("capture", "--config", config.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("tickjournal: error: " + config + ": unknown key 'modl' (known: ["),
                r.err());
    }

    @Test
    @Timeout(180)
    @DisplayName("capture runs from its config file alone, the FIX publisher's settings included")
    void runsFromTheFileAlone() throws Exception {
        Path state = tmp.resolve("state");
        Path config = tmp.resolve("capture.yaml");
        Files.writeString(config, "journal: " + tmp.resolve("journal") + "\nstate: " + state
                + "\nmold: 127.0.0.1:" + CaptureProcessTest.freeUdpPort() + "\npin: off\nstatus-interval-ms: 0\n"
                + "fix-port: 0\nfix-sender-comp-id: TJCONFIG\nfix-allow: \"DESK1, DESK2\"\nfix-min-interval-ms: 1s\n");
        CaptureProcessTest.Capture c = CaptureProcessTest.Capture.start(List.of("capture", "--config",
                config.toString()), tmp.resolve("capture.log"));
        try {
            c.awaitStarted();
            CaptureProcessTest.await("the FIX publisher", 60_000, () -> c.log().contains("fix: serving "));
            assertTrue(c.log().matches("(?s).*fix: serving " + Pattern.quote(state.toString())
                    + " over FIX 4\\.4 on 127\\.0\\.0\\.1:\\d+ as TJCONFIG to DESK1,DESK2\n.*"), c.log());
        } finally {
            assertEquals(0, c.terminate(), c.log());
        }
    }

    @Test
    @DisplayName("docs/operations.md's settings table is the one the settings render")
    void theDocsTableIsTheSettings() throws IOException {
        List<String> doc = Files.readAllLines(Path.of("../docs/operations.md"));
        int header = doc.indexOf("| key | default | meaning |");
        assertTrue(header >= 0, "docs/operations.md has the settings table");
        List<String> rows = new ArrayList<>();
        for (int i = header + 2; i < doc.size() && doc.get(i).startsWith("|"); i++) {
            rows.add(doc.get(i));
        }
        assertEquals(CaptureCommand.SETTINGS.stream().map(Setting::markdownRow).collect(Collectors.joining("\n")),
                String.join("\n", rows));
    }

    @Test
    @DisplayName("--help lists every setting with its value label and doc")
    void helpListsEverySetting() {
        CommandLineTest.Run r = CommandLineTest.run("capture", "--help");
        assertEquals(0, r.exit(), r.err());
        // picocli wraps lines at 80 columns, at spaces and after dots: compared without whitespace
        String help = r.out().replaceAll("\\s+", "");
        for (Setting<?> s : CaptureCommand.SETTINGS) {
            assertTrue(help.contains(("--" + s.key() + "=" + s.label() + s.help()).replaceAll("\\s+", "")),
                    s + " in:\n" + r.out());
        }
    }

    private static void assertRefused(String message, String... args) {
        SettingsCommandTests.assertRefused("capture", message, args);
    }

    private static SettingValues read(List<String> args) {
        CaptureCommand command = new CaptureCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return SettingOptions.read(command.spec, command.config,
                new SettingValues(CaptureSettings.SCOPE, CaptureCommand.SETTINGS));
    }

    private static String yaml(String value) {
        return value.contains(",") ? "\"" + value + "\"" : value;
    }

    private static Map<String, List<String>> samples(String... keyFileFlag) {
        return SettingsCommandTests.samples(keyFileFlag);
    }
}
