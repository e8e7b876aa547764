package io.tickjournal.cli;

import io.tickjournal.generate.ItchDayGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickjournal generate}: a seeded, protocol-valid ITCH 5.0 day as a BinaryFILE. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a seeded, protocol-valid synthetic ITCH 5.0 day (NASDAQ BinaryFILE framing).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "BinaryFILE to write")
    Path out;

    @Option(names = "--symbols", defaultValue = "100", paramLabel = "N",
            description = "symbols (default: ${DEFAULT-VALUE})")
    int symbols;

    @Option(names = "--messages", defaultValue = "1000000", paramLabel = "N",
            description = "messages in all, system events included (default: ${DEFAULT-VALUE})")
    long messages;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        Cli.requirePositive("--symbols", symbols);
        Cli.requirePositive("--messages", messages);
        long start = System.nanoTime();
        new ItchDayGenerator(symbols, messages, seed).writeBinaryFile(out);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("generated %,d messages for %d symbols (seed %d) into %s in %.2f s (%,.0f msg/s)%n",
                messages, symbols, seed, out, s, messages / s);
        return TickjournalCommand.OK;
    }
}
