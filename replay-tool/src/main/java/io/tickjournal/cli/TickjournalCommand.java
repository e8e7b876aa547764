package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.storage.NoSpaceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code tickjournal} command. Exit codes: 0 success; 1 the command found a problem (bad
 * records in the input, a check that failed); 2 bad usage or unreadable input, with one line
 * naming the file and the reason.
 */
@Command(name = "tickjournal", mixinStandardHelpOptions = true, versionProvider = TickjournalCommand.Version.class,
        description = "Journal NASDAQ TotalView-ITCH 5.0 into Chronicle Queue, rebuild order books and VWAP from it.",
        subcommands = {GenerateCommand.class, ImportCommand.class, ReplayCommand.class, VwapCommand.class,
                BarsCommand.class, VerifyCommand.class, BenchCommand.class, DemoCommand.class, FeedCommand.class,
                CaptureCommand.class, ExportCommand.class, InspectCommand.class, FixServeCommand.class,
                PublishCommand.class, MirrorCommand.class, CommandLine.HelpCommand.class})
public final class TickjournalCommand implements Runnable {
    public static final int OK = 0;
    public static final int PROBLEM = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new TickjournalCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof TickjournalException) {
                err.println("tickjournal: error: " + e.getMessage());
                err.flush();
                return USAGE;
            }
            if (e instanceof NoSpaceException) {
                // A full disk: a problem found, said in one line (what ran out where, how far it got).
                err.println("tickjournal: error: " + e.getMessage());
                err.flush();
                return PROBLEM;
            }
            err.println("tickjournal: internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return PROBLEM;
        });
        return cl;
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TickjournalCommand.class.getPackage().getImplementationVersion();
            return new String[]{"tickjournal " + (v == null ? "dev" : v)};
        }
    }
}
