package io.tickjournal.cli;

import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingTypes;
import io.tickjournal.config.SettingValues;
import io.tickjournal.replay.ReplayContext;
import io.tickjournal.replay.ReplaySettings;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replay's settings, defined once in {@link ReplaySettings}: file, flags, help and errors. */
class ReplaySettingsCommandTest {
    /** Two values of every setting, both unlike its default: the first in the file, the second as a flag. */
    static final Map<String, List<String>> SAMPLES = SettingsCommandTests.samples(
            "journal", "/j1", "/j2", "state", "/s1", "/s2", "window-ms", "1s", "250", "pin", "off", "ON",
            "expected-orders", "1000", "2000", "expected-trades", "3000", "4000", "no-verify-checksums", "true", "",
            "from", "09:30", "index:5", "to", "16:00", "index:9", "symbols", "AAPL,MSFT", "IBM", "pace", "x10",
            "realtime", "follow", "true", "", "shards", "2", "4", "latency", "false", "", "latency-sample", "1",
            "128", "histogram", "/h1.hlog", "/h2.hlog", "summary-json", "/a.json", "/b.json", "baseline", "/b1.json",
            "/b2.json", "regression-factor", "1.5", "3");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("every replay setting round-trips from the YAML file and from its flag, and the flag wins")
    void everySettingFromTheFileAndFromItsFlag() throws IOException {
        assertEquals(ReplaySettings.ALL.stream().map(Setting::key).toList(), List.copyOf(SAMPLES.keySet()),
                "a sample for every setting");
        Path config = tmp.resolve("replay.yaml");
        Files.writeString(config, SAMPLES.entrySet().stream().map(e -> e.getKey() + ": \"" + e.getValue().get(0)
                + "\"").collect(Collectors.joining("\n", "# every setting\n", "\n")));
        List<String> flags = new ArrayList<>(List.of("--config", config.toString()));
        SettingValues fromFile = read(flags);
        SAMPLES.forEach((key, v) -> {
            flags.add("--" + key); // an empty second sample: a flag without a value, which turns it on
            if (!v.get(1).isEmpty()) {
                flags.add(v.get(1));
            }
        });
        flags.addAll(List.of("--symbols", "ORCL"));
        SettingValues fromBoth = read(flags);
        for (Setting<?> s : ReplaySettings.ALL) {
            List<String> sample = SAMPLES.get(s.key());
            String flag = s.key().equals("symbols") ? "IBM,ORCL" : sample.get(1).isEmpty() ? "true" : sample.get(1);
            assertEquals(s.parse(sample.get(0)), fromFile.get(s), s + " from the file");
            assertEquals(s.parse(flag), fromBoth.get(s), s + " from its flag, over the file");
            assertNotEquals(s.defaultValue(), fromFile.get(s), s + " sample unlike the default");
            if (s.type() != SettingTypes.FLAG) { // a flag given is on, as the file's sample is
                assertNotEquals(fromFile.get(s), fromBoth.get(s), s + " samples unlike each other");
            }
        }
    }

    @Test
    @DisplayName("a bad value: exit 2, one line naming the setting and the value; the defaults in the help")
    void badValuesAreRefusedNamingTheSetting() throws IOException {
        assertRefused("replay setting 'shards': must be a whole number from 1 to 64, got '0'", "--shards", "0");
        assertRefused("replay setting 'window-ms': must be a positive duration in ms, or with a unit: 5s, 250ms, "
                + "2000us, got '0'", "--window-ms", "0");
        assertRefused("replay setting 'latency-sample': must be a power of 2 from 1 to 1073741824, got '48'",
                "--latency-sample", "48");
        assertRefused("replay setting 'pace': must be max, realtime or xN (N > 0, e.g. x10), got 'x0'",
                "--pace", "x0");
        assertRefused("replay setting 'pin': must be auto, on or off, got 'maybe'", "--pin", "maybe");
        assertRefused("replay setting 'symbols': 'TOOLONGSYM' is not a stock symbol of 1 to 8 characters",
                "--journal", tmp.resolve("j").toString(), "--state", tmp.resolve("s").toString(), "--symbols",
                "AAPL,TOOLONGSYM");
        assertRefused("replay setting 'latency': is off, but 'histogram' and 'baseline' need latency measurement",
                "--journal", tmp.resolve("j").toString(), "--state", tmp.resolve("s").toString(), "--no-latency",
                "--histogram", "h.hlog");
        assertRefused("replay setting 'state': is required (as a flag or in the config file)",
                "--journal", tmp.resolve("j").toString());
        Path config = Files.writeString(tmp.resolve("bad.yaml"), "state: /tmp/y\nwindow: 5\n");
        CommandLineTest.Run r = CommandLineTest.run("replay", "--config", config.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("tickjournal: error: " + config + ": unknown key 'window' (known: ["), r.err());

        String help = CommandLineTest.run("replay", "--help").out();
        for (String line : List.of("bar window in ms of ITCH time (default: 100)", "(default: 1048576)",
                "--[no-]latency", "--no-verify-checksums", "--config=FILE", "--fix-port=P", "--kafka-partitions")) {
            assertTrue(help.contains(line), line + " in\n" + help);
        }
    }

    @Test
    @Timeout(120)
    @DisplayName("a replay from its config file gives the digest of the same replay from flags")
    void aReplayFromTheFileEqualsOneFromFlags() throws IOException {
        Path itch = tmp.resolve("day.itch");
        Path journal = tmp.resolve("journal");
        assertEquals(0, CommandLineTest.run("generate", "--out", itch.toString(), "--symbols", "5", "--messages",
                "3000", "--seed", "9").exit());
        assertEquals(0, CommandLineTest.run("import", "--itch", itch.toString(), "--journal", journal.toString())
                .exit());
        CommandLineTest.Run flags = CommandLineTest.run("replay", "--journal", journal.toString(), "--state",
                tmp.resolve("s1").toString(), "--window-ms", "250", "--pace", "x1000000", "--pin", "off");
        Path config = Files.writeString(tmp.resolve("replay.yaml"), "journal: " + journal + "\nstate: "
                + tmp.resolve("s2") + "\nwindow-ms: 250ms\npace: x1000000\npin: off\n");
        CommandLineTest.Run file = CommandLineTest.run("replay", "--config", config.toString());
        assertEquals(0, flags.exit(), flags.err());
        assertEquals(0, file.exit(), file.err());
        assertEquals(flags.field("digest"), file.field("digest"));
        assertEquals(flags.field("bars"), file.field("bars"));
    }

    private static void assertRefused(String line, String... args) {
        SettingsCommandTests.assertRefused("replay", line, args);
    }

    private static SettingValues read(List<String> args) {
        ReplayCommand command = new ReplayCommand();
        CommandLine cl = new CommandLine(command);
        cl.parseArgs(args.toArray(String[]::new));
        return SettingOptions.read(command.spec, command.config, new ReplayContext().values());
    }
}
