package io.tickjournal.export;

import io.tickjournal.cli.TickjournalCommand;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.itch.ItchEncoder;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LOBSTER export of a small hand-made day, every row checked by hand against LOBSTER's conventions. */
@Timeout(120)
class LobsterExportTest {
    static final long T0 = 34_200_000_000_000L; // 09:30:00

    @TempDir
    Path tmp;

    final ByteBuffer buf = ByteBuffer.allocate(64);
    final List<byte[]> messages = new ArrayList<>();

    private void add(int length) {
        messages.add(Arrays.copyOf(buf.array(), length));
        buf.clear();
    }

    private void directory(int locate, String stock) {
        add(ItchEncoder.stockDirectory(buf, locate, 0, T0 - 1000, stock, (byte) 'Q', (byte) 'N', 100, (byte) 'N',
                (byte) 'C', "Z", (byte) 'P', (byte) 'N', (byte) 'N', (byte) '1', (byte) 'N', 0, (byte) 'N'));
    }

    @Test
    @DisplayName("orders, an execution, a cancel, a delete, a replace, a hidden trade and a halt give LOBSTER's exact rows")
    void handCheckedDay() throws IOException {
        directory(1, "TEST");
        directory(2, "OTHR");
        add(ItchEncoder.stockTradingAction(buf, 1, 0, T0 - 500, "TEST", (byte) 'T', (byte) ' ', "    "));
        add(ItchEncoder.addOrder(buf, 1, 0, T0 + 1, 1, (byte) 'B', 100, "TEST", 1_000_000));
        add(ItchEncoder.addOrder(buf, 1, 0, T0 + 2_000, 2, (byte) 'S', 200, "TEST", 1_010_000));
        add(ItchEncoder.addOrder(buf, 2, 0, T0 + 2_500, 9, (byte) 'B', 70, "OTHR", 500_000));
        add(ItchEncoder.addOrder(buf, 1, 0, T0 + 3_000, 3, (byte) 'B', 50, "TEST", 1_000_000));
        add(ItchEncoder.addOrder(buf, 1, 0, T0 + 4_000, 4, (byte) 'B', 30, "TEST", 990_000));
        add(ItchEncoder.orderExecuted(buf, 1, 0, T0 + 5_000, 1, 40, 1));
        add(ItchEncoder.orderDelete(buf, 1, 0, T0 + 6_000, 3));
        add(ItchEncoder.orderCancel(buf, 1, 0, T0 + 7_000, 2, 50));
        add(ItchEncoder.orderReplace(buf, 1, 0, T0 + 8_000, 4, 5, 30, 995_000));
        add(ItchEncoder.trade(buf, 1, 0, T0 + 9_000, 0, (byte) 'B', 25, "TEST", 1_005_000, 2));
        add(ItchEncoder.orderDelete(buf, 1, 0, T0 + 10_000, 77)); // unknown reference: no row
        Path journal = tmp.resolve("journal");
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            long seq = 1;
            for (byte[] m : messages) {
                w.appendMessage(m, 0, m.length, 1_000L + seq, seq++);
            }
        }
        Path out = tmp.resolve("lobster");
        assertEquals(0, TickjournalCommand.execute("export", "--journal", journal.toString(), "--out", out.toString(),
                "--format", "lobster", "--levels", "2", "--symbol", "TEST", "--date", "2026-11-20"));

        String e = "9999999999,0";
        String b = "-9999999999,0";
        assertEquals(List.of(
                "34199.999999500,7,0,0,1,-1",
                "34200.000000001,1,1,100,1000000,1",
                "34200.000002000,1,2,200,1010000,-1",
                "34200.000003000,1,3,50,1000000,1",
                "34200.000004000,1,4,30,990000,1",
                "34200.000005000,4,1,40,1000000,1",
                "34200.000006000,3,3,50,1000000,1",
                "34200.000007000,2,2,50,1010000,-1",
                "34200.000008000,3,4,30,990000,1",
                "34200.000008000,1,5,30,995000,1",
                "34200.000009000,5,0,25,1005000,1"),
                Files.readAllLines(out.resolve("TEST_2026-11-20_0_86400000_message_2.csv")));
        assertEquals(List.of(
                e + "," + b + "," + e + "," + b,
                e + ",1000000,100," + e + "," + b,
                "1010000,200,1000000,100," + e + "," + b,
                "1010000,200,1000000,150," + e + "," + b,
                "1010000,200,1000000,150," + e + ",990000,30",
                "1010000,200,1000000,110," + e + ",990000,30",
                "1010000,200,1000000,60," + e + ",990000,30",
                "1010000,150,1000000,60," + e + ",990000,30",
                "1010000,150,1000000,60," + e + "," + b,
                "1010000,150,1000000,60," + e + ",995000,30",
                "1010000,150,1000000,60," + e + ",995000,30"),
                Files.readAllLines(out.resolve("TEST_2026-11-20_0_86400000_orderbook_2.csv")));
        assertEquals(List.of("TEST_2026-11-20_0_86400000_message_2.csv", "TEST_2026-11-20_0_86400000_orderbook_2.csv"),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList(), "--symbol TEST: only TEST");

        // the last orderbook row's first level is the engine's top of book after the same messages
        MarketEngine engine = new MarketEngine(100_000_000L, bar -> { });
        long index = 0;
        for (byte[] m : messages) {
            engine.onMessage(Bytes.wrapForRead(m), 0, m.length, ++index);
        }
        List<String> book = Files.readAllLines(out.resolve("TEST_2026-11-20_0_86400000_orderbook_2.csv"));
        String[] last = book.get(book.size() - 1).split(",");
        assertEquals(List.of(engine.books().bestAskPrice(1), engine.books().bestAskSize(1),
                        engine.books().bestBidPrice(1), engine.books().bestBidSize(1)),
                List.of(Long.parseLong(last[0]), Long.parseLong(last[1]), Long.parseLong(last[2]), Long.parseLong(last[3])));
    }
}
