package io.tickjournal.cli;

import io.tickjournal.state.IncompleteState;
import io.tickjournal.state.StateDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options shared by the commands that print a state directory: {@code --state} and {@code --format}. */
final class StateOutputOptions {
    @Option(names = "--state", required = true, paramLabel = "DIR", description = "state directory")
    Path state;

    @Option(names = "--format", defaultValue = "table", paramLabel = "csv|table",
            description = "output format (default: ${DEFAULT-VALUE})")
    String format;

    /** True for csv, false for table; a clear error for anything else. */
    boolean csv() {
        return Cli.csv(format);
    }

    /** The state directory; a warning on stderr when it is incomplete (the command still prints it, exit 0). */
    StateDirectory stateDirectory() {
        StateDirectory dir = StateDirectory.existing(state);
        warnIfIncomplete(state);
        return dir;
    }

    /** Prints "incomplete state (...)" on stderr when {@code state} is not a finished replay's (issue 19). */
    static void warnIfIncomplete(Path state) {
        IncompleteState.warning(state).ifPresent(w -> System.err.println("tickjournal: warning: " + state + ": " + w));
    }
}
