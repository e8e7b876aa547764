package io.tickjournal.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the tests of the commands' typed settings (capture, replay, feed) share. */
final class SettingsCommandTests {
    private SettingsCommandTests() {
    }

    /** Runs {@code command args}, which must exit 2 with the one line {@code tickjournal: error: message}. */
    static void assertRefused(String command, String message, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        CommandLineTest.Run r = CommandLineTest.run(all);
        assertEquals(2, r.exit(), r.err());
        assertEquals("tickjournal: error: " + message + "\n", r.err());
    }

    /** Key -> [file sample, flag sample] from triples key, file sample, flag sample, in order. */
    static Map<String, List<String>> samples(String... keyFileFlag) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyFileFlag.length; i += 3) {
            m.put(keyFileFlag[i], List.of(keyFileFlag[i + 1], keyFileFlag[i + 2]));
        }
        return m;
    }
}
