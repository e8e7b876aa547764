package io.tickjournal.verify;

import io.tickjournal.book.OrderBooks;
import io.tickjournal.engine.MarketEngine;
import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.itch.Symbols;
import io.tickjournal.state.SymbolStateRecord;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast engine against {@link ReferenceEngine} (independent, simple code) on whole generated
 * days: per-symbol totals, last price, top of book and the complete bar stream must be equal.
 * The bundled sample's golden CSVs (data/golden) are checked against the reference engine too,
 * so they are not merely the fast engine's own output. (Moved from journal-core's
 * ReferenceModelCrossCheckTest when the model became verify's oracle.)
 */
class ReferenceEngineCrossCheckTest {
    static final long W = 100_000_000L;
    static final Path SAMPLE = Path.of("..", "data", "sample", "sample.itch.gz");
    static final Path EXPECTED = Path.of("..", "data", "golden");

    /** A reference engine fed a whole BinaryFILE, and the bars it emitted. */
    record Reference(ReferenceEngine engine, List<BarRow> bars) {
        static Reference of(byte[] file) {
            List<BarRow> bars = new ArrayList<>();
            ReferenceEngine engine = new ReferenceEngine(W, bars::add);
            ByteBuffer whole = ByteBuffer.wrap(file);
            int p = 0;
            while (p + 2 <= file.length) {
                int len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
                engine.apply(whole.slice(p + 2, len));
                p += 2 + len;
            }
            return new Reference(engine, bars);
        }

        /** One row per symbol of the stock directory (and any other locate named), ascending locate. */
        List<SymbolRow> rows() {
            List<SymbolRow> rows = new ArrayList<>();
            for (int locate : engine.locates()) {
                rows.add(engine.row(locate));
            }
            return rows;
        }
    }

    static List<SymbolRow> engineRows(MarketEngine e, List<SymbolRow> reference) {
        List<SymbolRow> rows = new ArrayList<>();
        SymbolStateRecord r = new SymbolStateRecord();
        for (SymbolRow ref : reference) {
            e.fill(ref.locate(), r);
            rows.add(new SymbolRow(Symbols.toString(r.stock), r.locate, r.trades, r.volume, r.notional, r.lastPrice,
                    r.bidPrice, r.bidSize, r.askPrice, r.askSize));
        }
        return rows;
    }

    static void crossCheck(byte[] file) {
        Reference reference = Reference.of(file);

        List<BarRow> bars = new ArrayList<>();
        MarketEngine[] engine = new MarketEngine[1];
        engine[0] = new MarketEngine(W, b -> bars.add(new BarRow(Symbols.toString(engine[0].stock(b.locate())),
                b.locate(), b.windowStartNs(), b.trades(), b.volume(), b.notional(), b.open(), b.high(), b.low(),
                b.close())));
        BytesStore<?, ?> bytes = BytesStore.wrap(file);
        int p = 0;
        long index = 0;
        while (p + 2 <= file.length) {
            int len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
            engine[0].onMessage(bytes, p + 2, len, ++index);
            p += 2 + len;
        }
        List<SymbolRow> expected = reference.rows();
        assertTrue(expected.size() > 10, "a real day");
        assertEquals(expected, engineRows(engine[0], expected));
        SymbolStateRecord r = new SymbolStateRecord();
        for (SymbolRow row : expected) {
            assertEquals(reference.engine().lastSize(row.locate()), engine[0].fill(row.locate(), r).lastSize,
                    "last_size of " + row.symbol());
        }
        assertTrue(reference.bars().size() > 100, "a real bar stream");
        assertEquals(reference.bars(), bars);
    }

    @Test
    @DisplayName("fast engine = reference engine on a generated day (totals, top of book, every bar)")
    void generatedDay() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(30, 300_000, 99).writeBinaryFile(out);
        crossCheck(out.toByteArray());
    }

    @ParameterizedTest(name = "seed {0}, {1} symbols")
    @CsvSource({"1, 3", "2, 3", "3, 12", "4, 60"})
    @DisplayName("after every message the touched symbol's top of book is the reference's; at the end, every level")
    void topOfBookAfterEveryMessageAndFullDepthAtTheEnd(long seed, int symbols) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ItchDayGenerator(symbols, 150_000, seed).writeBinaryFile(out);
        byte[] file = out.toByteArray();
        ReferenceEngine reference = new ReferenceEngine(W, b -> { });
        MarketEngine engine = new MarketEngine(W, b -> { });
        BytesStore<?, ?> bytes = BytesStore.wrap(file);
        ByteBuffer whole = ByteBuffer.wrap(file);
        int p = 0;
        long index = 0;
        while (p + 2 <= file.length) {
            int len = ((file[p] & 0xFF) << 8) | (file[p + 1] & 0xFF);
            reference.apply(whole.slice(p + 2, len));
            engine.onMessage(bytes, p + 2, len, ++index);
            int locate = ((file[p + 3] & 0xFF) << 8) | (file[p + 4] & 0xFF);
            OrderBooks b = engine.books();
            long[] fast = {b.bestBidPrice(locate), b.bestBidSize(locate), b.bestAskPrice(locate), b.bestAskSize(locate)};
            SymbolRow r = reference.row(locate);
            long[] ref = {r.bidPrice(), r.bidSize(), r.askPrice(), r.askSize()};
            if (!Arrays.equals(ref, fast)) {
                assertEquals(Arrays.toString(ref), Arrays.toString(fast),
                        "top of book of locate " + locate + " after message " + index + " (seed " + seed + ")");
            }
            p += 2 + len;
        }
        for (int locate : reference.locates()) {
            for (byte side : new byte[]{'B', 'S'}) {
                List<String> levels = new ArrayList<>();
                for (int level = 0; level < engine.books().depth(locate, side); level++) {
                    levels.add(engine.books().levelPrice(locate, side, level) + "x"
                            + engine.books().levelShares(locate, side, level));
                }
                assertEquals(reference.depth(locate, side), levels, "depth of locate " + locate + " side " + (char) side);
            }
        }
    }

    @Test
    @DisplayName("fast engine = reference engine on the bundled sample")
    void bundledSample() throws IOException {
        crossCheck(gunzip(SAMPLE));
    }

    @Test
    @DisplayName("the golden CSVs of the bundled sample are what the reference engine computes")
    void goldenCsvsMatchTheReferenceEngine() throws IOException {
        Reference reference = Reference.of(gunzip(SAMPLE));
        List<String> vwap = new ArrayList<>();
        vwap.add("symbol,locate,trades,volume,notional,vwap,last_price,bid_price,bid_size,ask_price,ask_size");
        for (SymbolRow r : reference.rows()) {
            vwap.add(String.join(",", r.symbol(), str(r.locate()), str(r.trades()), str(r.volume()), str(r.notional()),
                    vwap(r.notional(), r.volume()), str(r.lastPrice()), str(r.bidPrice()), str(r.bidSize()),
                    str(r.askPrice()), str(r.askSize())));
        }
        assertEquals(vwap, Files.readAllLines(EXPECTED.resolve("vwap.csv")));
        List<String> bars = new ArrayList<>();
        bars.add("symbol,window_start_ns,trades,volume,notional,vwap,open,high,low,close");
        for (BarRow b : reference.bars()) {
            bars.add(String.join(",", b.symbol(), str(b.windowStartNs()), str(b.trades()), str(b.volume()),
                    str(b.notional()), vwap(b.notional(), b.volume()), str(b.open()), str(b.high()), str(b.low()),
                    str(b.close())));
        }
        assertEquals(bars, Files.readAllLines(EXPECTED.resolve("bars.csv")));
    }

    private static String str(long v) {
        return Long.toString(v);
    }

    private static String vwap(long notional, long volume) {
        return volume == 0 ? "" : new BigDecimal(notional)
                .divide(new BigDecimal(volume).multiply(BigDecimal.valueOf(10_000)), 6, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
