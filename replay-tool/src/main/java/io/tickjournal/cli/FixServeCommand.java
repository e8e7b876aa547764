package io.tickjournal.cli;

import io.tickjournal.TickjournalException;
import io.tickjournal.fix.FixGateway;
import io.tickjournal.state.StateDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal fix-serve}: a FIX 4.4 market-data publisher over a state directory, until stopped. */
@Command(name = "fix-serve", mixinStandardHelpOptions = true,
        description = {"Serve a state directory (kept current by a capture or a replay, or finished) to FIX 4.4",
                "clients: MarketDataRequest (35=V) for bid, offer, last trade, session VWAP and volume, answered",
                "with snapshots (35=W) and incremental refreshes (35=X). Runs until SIGTERM/SIGINT, then exits 0.",
                "docs/fix.md has the messages, every tag and a client settings file."})
final class FixServeCommand implements Callable<Integer> {
    @Option(names = "--state", required = true, paramLabel = "DIR", description = "state directory to serve")
    Path state;

    @Mixin
    FixServeOptions fix;

    @Override
    public Integer call() throws InterruptedException {
        if (!fix.enabled()) {
            throw new TickjournalException("--port P is required (0: any free port)");
        }
        StateDirectory.existing(state);
        // Served all the same (a capture's state is live), but a client's operator should know (issue 19).
        StateOutputOptions.warnIfIncomplete(state);
        StopSignal stop = StopSignal.listen();
        try (FixGateway gw = fix.start(state, System.err::println)) {
            stop.await();
            System.err.println("fix: stopping: " + gw.incrementalsSent() + " incremental refreshes sent");
        } finally {
            stop.close();
        }
        return TickjournalCommand.OK;
    }
}
