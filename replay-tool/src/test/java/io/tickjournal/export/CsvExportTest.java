package io.tickjournal.export;

import io.tickjournal.cli.TickjournalCommand;
import io.tickjournal.itch.ItchEncoder;
import io.tickjournal.journal.Journal;
import io.tickjournal.journal.JournalWriter;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV export of hand-made messages: every column checked against the values the messages were built with. */
@Timeout(120)
class CsvExportTest {
    @TempDir
    Path tmp;

    @Test
    @DisplayName("directory, add, executed-with-price and a cross of more than 2^32 shares export their exact values")
    void handMadeMessagesExportTheirValues() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        Path journal = tmp.resolve("journal");
        try (SingleChronicleQueue q = Journal.openForWrite(journal); JournalWriter w = new JournalWriter(q, 0)) {
            int n = ItchEncoder.stockDirectory(b, 7, 3, 1_000, "ZVZZT", (byte) 'Q', (byte) 'N', 100, (byte) 'N',
                    (byte) 'C', "Z", (byte) 'T', (byte) 'N', (byte) ' ', (byte) '1', (byte) 'N', 0, (byte) 'N');
            w.appendMessage(Arrays.copyOf(b.array(), n), 0, n, 111, 1);
            b.clear();
            n = ItchEncoder.addOrder(b, 7, 4, 34_200_000_000_123L, 0xFFFF_FFFF_FFFF_FFF0L, (byte) 'S', 300, "ZVZZT",
                    4_294_967_295L);
            w.appendMessage(Arrays.copyOf(b.array(), n), 0, n, 222, 2);
            b.clear();
            n = ItchEncoder.orderExecutedWithPrice(b, 7, 5, 34_200_000_000_456L, 0xFFFF_FFFF_FFFF_FFF0L, 100, 42,
                    (byte) 'N', 1_234_500);
            w.appendMessage(Arrays.copyOf(b.array(), n), 0, n, 333, 3);
            b.clear();
            n = ItchEncoder.crossTrade(b, 7, 6, 57_600_000_000_000L, 5_000_000_000L, "ZVZZT", 101_0000, 43, (byte) 'C');
            w.appendMessage(Arrays.copyOf(b.array(), n), 0, n, 444, 4);
        }
        Path out = tmp.resolve("csv");
        assertEquals(0, TickjournalCommand.execute("export", "--journal", journal.toString(), "--out", out.toString()));
        assertEquals(List.of("cross_trade.csv", "order_executed_with_price.csv", "add_order.csv", "stock_directory.csv")
                        .stream().sorted().toList(),
                Files.list(out).map(p -> p.getFileName().toString()).sorted().toList());
        // index: (cycle << 32) | n-th data document of the cycle, from 0 (no session records here)
        String dir = Files.readAllLines(out.resolve("stock_directory.csv")).get(1);
        long index0 = Long.parseLong(dir.substring(0, dir.indexOf(',')));
        assertEquals(List.of(
                "index,receive_time_ns,sequence,locate,tracking,timestamp,symbol,stock,market_category,financial_status,"
                        + "round_lot_size,round_lots_only,issue_classification,issue_sub_type,authenticity,"
                        + "short_sale_threshold,ipo_flag,luld_reference_price_tier,etp_flag,etp_leverage_factor,"
                        + "inverse_indicator",
                index0 + ",111,1,7,3,1000,ZVZZT,ZVZZT,Q,N,100,N,C,Z,T,N,,1,N,0,N"),
                Files.readAllLines(out.resolve("stock_directory.csv")));
        assertEquals(List.of("index,receive_time_ns,sequence,locate,tracking,timestamp,symbol,order_ref,side,shares,stock,price",
                        (index0 + 1) + ",222,2,7,4,34200000000123,ZVZZT,18446744073709551600,S,300,ZVZZT,4294967295"),
                Files.readAllLines(out.resolve("add_order.csv")));
        assertEquals(List.of("index,receive_time_ns,sequence,locate,tracking,timestamp,symbol,order_ref,shares,"
                                + "match_number,printable,price",
                        (index0 + 2) + ",333,3,7,5,34200000000456,ZVZZT,18446744073709551600,100,42,N,1234500"),
                Files.readAllLines(out.resolve("order_executed_with_price.csv")));
        assertEquals(List.of("index,receive_time_ns,sequence,locate,tracking,timestamp,symbol,shares,stock,price,"
                                + "match_number,cross_type",
                        (index0 + 3) + ",444,4,7,6,57600000000000,ZVZZT,5000000000,ZVZZT,1010000,43,C"),
                Files.readAllLines(out.resolve("cross_trade.csv")));
        assertEquals(0, index0 & 0xFFFF_FFFFL, "the first record of the cycle");
    }
}
