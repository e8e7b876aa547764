package io.tickjournal.cli;

import io.tickjournal.itch.Symbols;
import io.tickjournal.state.StateDirectory;
import io.tickjournal.state.StateStore;
import io.tickjournal.state.SymbolStateRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickjournal vwap}: the per-symbol state map, read live (another process may be writing it). */
@Command(name = "vwap", mixinStandardHelpOptions = true,
        description = "Print per-symbol state: session VWAP totals, last price and top of book.")
final class VwapCommand implements Callable<Integer> {
    static final String CSV_HEADER = "symbol,locate,trades,volume,notional,vwap,last_price,bid_price,bid_size,"
            + "ask_price,ask_size";

    @Mixin
    StateOutputOptions options;

    @Override
    public Integer call() {
        boolean csv = options.csv();
        List<SymbolStateRecord> records = read(options.stateDirectory());
        if (csv) {
            printCsv(records, System.out);
        } else {
            printTable(records, System.out);
        }
        return TickjournalCommand.OK;
    }

    /** Every symbol's record, ascending by locate. */
    static List<SymbolStateRecord> read(StateDirectory dir) {
        List<SymbolStateRecord> records = new ArrayList<>();
        try (StateStore store = dir.openStore()) {
            for (int locate : store.locates()) {
                SymbolStateRecord r = new SymbolStateRecord();
                if (store.get(locate, r)) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    static void printCsv(List<SymbolStateRecord> records, PrintStream out) {
        out.println(CSV_HEADER);
        StringBuilder sb = new StringBuilder();
        for (SymbolStateRecord r : records) {
            sb.setLength(0);
            sb.append(Symbols.toString(r.stock)).append(',').append(r.locate).append(',').append(r.trades).append(',')
                    .append(r.volume).append(',').append(r.notional).append(',').append(Cli.vwap(r.notional, r.volume))
                    .append(',').append(r.lastPrice).append(',').append(r.bidPrice).append(',').append(r.bidSize)
                    .append(',').append(r.askPrice).append(',').append(r.askSize);
            out.println(sb);
        }
    }

    static void printTable(List<SymbolStateRecord> records, PrintStream out) {
        out.printf("%-8s %6s %10s %14s %14s %12s %24s %24s%n",
                "SYMBOL", "LOCATE", "TRADES", "VOLUME", "VWAP", "LAST", "BID (size @ price)", "ASK (size @ price)");
        for (SymbolStateRecord r : records) {
            out.printf("%-8s %6d %,10d %,14d %14s %12s %24s %24s%n", Symbols.toString(r.stock), r.locate, r.trades,
                    r.volume, Cli.vwap(r.notional, r.volume), Cli.price(r.lastPrice),
                    quote(r.bidSize, r.bidPrice), quote(r.askSize, r.askPrice));
        }
    }

    private static String quote(long size, long price) {
        return size == 0 ? "-" : String.format("%,d @ %s", size, Cli.price(price));
    }
}
