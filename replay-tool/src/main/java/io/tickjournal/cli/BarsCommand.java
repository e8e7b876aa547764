package io.tickjournal.cli;

import io.tickjournal.state.BarReader;
import io.tickjournal.state.StateDirectory;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Files;
import java.util.concurrent.Callable;

/** {@code tickjournal bars}: the emitted VWAP bars, in bar stream order. */
@Command(name = "bars", mixinStandardHelpOptions = true,
        description = "Print the emitted bars (closed windows only), ordered by window start then locate.")
final class BarsCommand implements Callable<Integer> {
    static final String CSV_HEADER = "symbol,window_start_ns,trades,volume,notional,vwap,open,high,low,close";

    @Mixin
    StateOutputOptions options;

    @Override
    public Integer call() {
        boolean csv = options.csv();
        StateDirectory dir = options.stateDirectory();
        if (csv) {
            System.out.println(CSV_HEADER);
        } else {
            System.out.printf("%-8s %-12s %18s %8s %12s %14s %12s %12s %12s %12s%n", "SYMBOL", "WINDOW",
                    "WINDOW_START_NS",
                    "TRADES", "VOLUME", "VWAP", "OPEN", "HIGH", "LOW", "CLOSE");
        }
        if (!Files.isDirectory(dir.barsDir())) {
            return TickjournalCommand.OK;
        }
        StringBuilder sb = new StringBuilder();
        try (SingleChronicleQueue bars = dir.openBarsQueueReadOnly()) {
            BarReader.readAll(bars, b -> {
                if (csv) {
                    sb.setLength(0);
                    sb.append(b.symbol()).append(',').append(b.windowStartNs()).append(',').append(b.trades())
                            .append(',')
                            .append(b.volume()).append(',').append(b.notional()).append(',')
                            .append(Cli.vwap(b.notional(), b.volume())).append(',').append(b.open()).append(',')
                            .append(b.high()).append(',').append(b.low()).append(',').append(b.close());
                    System.out.println(sb);
                } else {
                    System.out.printf("%-8s %-12s %18d %,8d %,12d %14s %12s %12s %12s %12s%n", b.symbol(),
                            Cli.timeOfDay(b.windowStartNs()), b.windowStartNs(), b.trades(), b.volume(),
                            Cli.vwap(b.notional(), b.volume()), Cli.price(b.open()), Cli.price(b.high()),
                            Cli.price(b.low()), Cli.price(b.close()));
                }
            });
        }
        return TickjournalCommand.OK;
    }
}
