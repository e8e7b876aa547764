package io.tickjournal.cli;

import java.nio.file.Path;

/** Where the project lives: {@code -Dtickjournal.home} (set by bin/tickjournal), else the working directory. */
final class Demo {
    static final String SAMPLE = "data/sample/sample.itch.gz";
    static final String EXPECTED_DIGEST = "data/golden/digest.txt";

    private Demo() {
    }

    static Path home() {
        return Path.of(System.getProperty("tickjournal.home", ".")).toAbsolutePath().normalize();
    }
}
