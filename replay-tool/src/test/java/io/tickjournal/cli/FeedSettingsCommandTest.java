package io.tickjournal.cli;

import io.tickjournal.config.SettingValues;
import io.tickjournal.feed.FeedSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feed simulator's settings, defined once in {@link FeedSettings}: file, flags, defaults and errors. */
class FeedSettingsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void theFileAndTheFlagsGiveTypedValuesAndTheFlagWins() throws IOException {
        Path config = Files.writeString(tmp.resolve("feed.yaml"), "itch: /data/day.itch\nsoup: 127.0.0.1:0\n"
                + "rate: 50000\ndrop-rate: 0.25\nheartbeat-ms: 2s\nrequest-port: 0\n");
        FeedCommand command = new FeedCommand();
        new CommandLine(command).parseArgs("--config", config.toString(), "--rate", "7", "--session", "FEEDX");
        SettingValues v = SettingOptions.read(command.spec, command.config,
                new SettingValues(FeedSettings.SCOPE, FeedSettings.ALL));
        assertEquals(Path.of("/data/day.itch"), v.get(FeedSettings.ITCH));
        assertEquals(new InetSocketAddress("127.0.0.1", 0), v.get(FeedSettings.SOUP));
        assertEquals(7L, v.get(FeedSettings.RATE), "the flag over the file");
        assertEquals("FEEDX", v.get(FeedSettings.SESSION));
        assertEquals(0.25, v.get(FeedSettings.DROP_RATE));
        assertEquals(2_000L, v.get(FeedSettings.HEARTBEAT_MS));
        assertEquals(0L, v.get(FeedSettings.REQUEST_PORT));
        assertEquals(1L, v.get(FeedSettings.DROP_SEED), "the default");
        assertEquals(null, v.get(FeedSettings.MOLD));
    }

    @Test
    void badValuesAreRefusedInOneLineNamingTheSetting() {
        assertRefused("feed setting 'drop-rate': must be a fraction in [0, 1) such as 0.01, got '2'",
                "--itch", "x.itch", "--soup", "127.0.0.1:0", "--drop-rate", "2");
        assertRefused("feed setting 'session': must be 1 to 10 ASCII characters, got 'ELEVENCHARS'",
                "--itch", "x.itch", "--soup", "127.0.0.1:0", "--session", "ELEVENCHARS");
        assertRefused("feed settings: give 'mold' (HOST:PORT) or 'soup' (HOST:PORT), or both", "--itch", "x.itch");
        assertRefused("feed setting 'itch': is required (as a flag or in the config file)", "--soup", "127.0.0.1:0");
        String help = CommandLineTest.run("feed", "--help").out().replaceAll("\\s+", ""); // wrapped at 80 columns
        assertTrue(help.contains("(default:TICKJ00001)") && help.contains("--config=FILE"), help);
    }

    private static void assertRefused(String line, String... args) {
        SettingsCommandTests.assertRefused("feed", line, args);
    }
}
