package io.tickjournal.generate;

import com.paritytrading.juncture.nasdaq.itch50.ITCH50;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Listener;
import com.paritytrading.juncture.nasdaq.itch50.ITCH50Parser;
import com.paritytrading.nassau.MessageListener;
import com.paritytrading.nassau.binaryfile.BinaryFILEReader;
import io.tickjournal.itch.AddOrderDecoder;
import io.tickjournal.itch.AddOrderMpidDecoder;
import io.tickjournal.itch.BrokenTradeDecoder;
import io.tickjournal.itch.CrossTradeDecoder;
import io.tickjournal.itch.ItchDispatcher;
import io.tickjournal.itch.ItchListener;
import io.tickjournal.itch.ItchMessageDecoder;
import io.tickjournal.itch.NoiiDecoder;
import io.tickjournal.itch.OrderCancelDecoder;
import io.tickjournal.itch.OrderDeleteDecoder;
import io.tickjournal.itch.OrderExecutedDecoder;
import io.tickjournal.itch.OrderExecutedWithPriceDecoder;
import io.tickjournal.itch.OrderReplaceDecoder;
import io.tickjournal.itch.StockDirectoryDecoder;
import io.tickjournal.itch.SystemEventDecoder;
import io.tickjournal.itch.TradeDecoder;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * juncture 1.0.0 (over nassau's BinaryFILEReader) as an independent second opinion on a generated
 * day: same per-type counts and the same field values, as one canonical line per message, for
 * S R A F E C X D U P B I.
 *
 * <p>Two known limits of juncture 1.0.0: it has no DLCR 'O' message (its parser throws on it, so O
 * messages are counted and skipped before it), and it reads the Q Shares field as 4 bytes where
 * ITCH 5.0 has 8, which shifts every later Q field. For Q the test compares the header only, pins
 * juncture's misreading (its "shares" are the high 4 bytes of ours) and checks our 8-byte shares
 * against what the generator must have written (a zero and a value above 2^32 - 1).
 */
class JunctureCrossCheckTest {
    private static final long MESSAGES = 50_000;

    @Test
    void junctureAndOurDecodersAgreeOnAGeneratedDay() throws IOException {
        GeneratedDay day = new GeneratedDay(200, MESSAGES, 20_240_607L);

        Ours ours = new Ours();
        ItchDispatcher dispatcher = new ItchDispatcher(ours);
        Bytes<byte[]> bytes = Bytes.wrapForRead(day.file);
        for (int[] f : day.frames) {
            assertEquals(ItchDispatcher.OK, dispatcher.dispatch(bytes, f[0], f[1]));
            ours.count(bytes.readByte(f[0]));
        }

        Theirs theirs = new Theirs();
        ITCH50Parser parser = new ITCH50Parser(theirs);
        MessageListener skipDlcr = buffer -> {
            byte type = buffer.get(buffer.position());
            theirs.count(type);
            if (type != 'O') { // unknown to juncture 1.0.0
                parser.message(buffer);
            }
        };
        try (BinaryFILEReader reader = new BinaryFILEReader(new ByteArrayInputStream(day.file), skipDlcr)) {
            while (reader.read() >= 0) {
                // the reader calls the listener per message
            }
        }

        assertEquals(ours.counts, theirs.counts);
        assertEquals(MESSAGES, ours.counts.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(ours.lines.size(), theirs.lines.size());
        for (int i = 0; i < ours.lines.size(); i++) {
            assertEquals(ours.lines.get(i), theirs.lines.get(i), "message " + i + " of the compared types");
        }
        assertTrue(ours.lines.size() > MESSAGES / 2, ours.lines.size() + " lines compared");

        // Q: juncture's 4-byte read of the 8-byte Shares yields our high 4 bytes
        assertEquals(ours.crossHeaders, theirs.crossHeaders);
        assertEquals(ours.crossSharesHigh, theirs.crossShares);
        assertTrue(ours.crossShares.contains(0L), "a Q with 0 shares: " + ours.crossShares);
        assertTrue(ours.crossShares.stream().anyMatch(s -> s > 0xFFFF_FFFFL), "a Q above 2^32 - 1: " + ours.crossShares);
        assertTrue(theirs.crossShares.stream().anyMatch(s -> s == 1), "juncture reads 2^32 + n shares as 1");
    }

    private static String line(char type, int locate, int tracking, long ts, Object... fields) {
        StringBuilder sb = new StringBuilder().append(type).append('|').append(locate).append('|').append(tracking)
            .append('|').append(ts);
        for (Object f : fields) {
            sb.append('|').append(f);
        }
        return sb.toString();
    }

    private static String line(char type, ItchMessageDecoder m, Object... fields) {
        return line(type, m.stockLocate(), m.trackingNumber(), m.timestamp(), fields);
    }

    private static long ts(int high, long low) {
        return ((long) high << 32) | low;
    }

    /** Our decoders' view. */
    private static final class Ours implements ItchListener {
        final Map<Character, Long> counts = new TreeMap<>();
        final List<String> lines = new ArrayList<>();
        final List<String> crossHeaders = new ArrayList<>();
        final List<Long> crossShares = new ArrayList<>();
        final List<Long> crossSharesHigh = new ArrayList<>();

        void count(byte type) {
            counts.merge((char) type, 1L, Long::sum);
        }

        @Override
        public void onSystemEvent(SystemEventDecoder m) {
            lines.add(line('S', m, m.eventCode()));
        }

        @Override
        public void onStockDirectory(StockDirectoryDecoder m) {
            lines.add(line('R', m, m.stock(), m.marketCategory(), m.financialStatusIndicator(), m.roundLotSize(),
                m.roundLotsOnly(), m.issueClassification(), m.issueSubType(), m.authenticity(),
                m.shortSaleThresholdIndicator(), m.ipoFlag(), m.luldReferencePriceTier(), m.etpFlag(),
                m.etpLeverageFactor(), m.inverseIndicator()));
        }

        @Override
        public void onAddOrder(AddOrderDecoder m) {
            lines.add(line('A', m, m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.stock(), m.price()));
        }

        @Override
        public void onAddOrderMpid(AddOrderMpidDecoder m) {
            lines.add(line('F', m, m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.stock(), m.price(),
                m.attribution()));
        }

        @Override
        public void onOrderExecuted(OrderExecutedDecoder m) {
            lines.add(line('E', m, m.orderReferenceNumber(), m.executedShares(), m.matchNumber()));
        }

        @Override
        public void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
            lines.add(line('C', m, m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), m.printable(),
                m.executionPrice()));
        }

        @Override
        public void onOrderCancel(OrderCancelDecoder m) {
            lines.add(line('X', m, m.orderReferenceNumber(), m.cancelledShares()));
        }

        @Override
        public void onOrderDelete(OrderDeleteDecoder m) {
            lines.add(line('D', m, m.orderReferenceNumber()));
        }

        @Override
        public void onOrderReplace(OrderReplaceDecoder m) {
            lines.add(line('U', m, m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(),
                m.price()));
        }

        @Override
        public void onTrade(TradeDecoder m) {
            lines.add(line('P', m, m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.stock(), m.price(),
                m.matchNumber()));
        }

        @Override
        public void onBrokenTrade(BrokenTradeDecoder m) {
            lines.add(line('B', m, m.matchNumber()));
        }

        @Override
        public void onNoii(NoiiDecoder m) {
            lines.add(line('I', m, m.pairedShares(), m.imbalanceShares(), m.imbalanceDirection(), m.stock(),
                m.farPrice(), m.nearPrice(), m.currentReferencePrice(), m.crossType(), m.priceVariationIndicator()));
        }

        @Override
        public void onCrossTrade(CrossTradeDecoder m) {
            crossHeaders.add(line('Q', m));
            crossShares.add(m.shares());
            crossSharesHigh.add(m.shares() >>> 32);
        }
    }

    /** juncture's view, in the same canonical form. */
    private static final class Theirs implements ITCH50Listener {
        final Map<Character, Long> counts = new TreeMap<>();
        final List<String> lines = new ArrayList<>();
        final List<String> crossHeaders = new ArrayList<>();
        final List<Long> crossShares = new ArrayList<>();

        void count(byte type) {
            counts.merge((char) type, 1L, Long::sum);
        }

        @Override
        public void systemEvent(ITCH50.SystemEvent m) {
            lines.add(line('S', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow), m.eventCode));
        }

        @Override
        public void stockDirectory(ITCH50.StockDirectory m) {
            lines.add(line('R', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow), m.stock,
                m.marketCategory, m.financialStatusIndicator, m.roundLotSize, m.roundLotsOnly,
                m.issueClassification, m.issueSubType & 0xFFFFL, m.authenticity, m.shortSaleThresholdIndicator,
                m.ipoFlag, m.luldReferencePriceTier, m.etpFlag, m.etpLeverageFactor, m.inverseIndicator));
        }

        @Override
        public void addOrder(ITCH50.AddOrder m) {
            lines.add(line('A', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.buySellIndicator, m.shares, m.stock, m.price));
        }

        @Override
        public void addOrderMPID(ITCH50.AddOrderMPID m) {
            lines.add(line('F', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.buySellIndicator, m.shares, m.stock, m.price, m.attribution & 0xFFFF_FFFFL));
        }

        @Override
        public void orderExecuted(ITCH50.OrderExecuted m) {
            lines.add(line('E', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.executedShares, m.matchNumber));
        }

        @Override
        public void orderExecutedWithPrice(ITCH50.OrderExecutedWithPrice m) {
            lines.add(line('C', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.executedShares, m.matchNumber, m.printable, m.executionPrice));
        }

        @Override
        public void orderCancel(ITCH50.OrderCancel m) {
            lines.add(line('X', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.canceledShares));
        }

        @Override
        public void orderDelete(ITCH50.OrderDelete m) {
            lines.add(line('D', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber));
        }

        @Override
        public void orderReplace(ITCH50.OrderReplace m) {
            lines.add(line('U', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.originalOrderReferenceNumber, m.newOrderReferenceNumber, m.shares, m.price));
        }

        @Override
        public void trade(ITCH50.Trade m) {
            lines.add(line('P', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow),
                m.orderReferenceNumber, m.buySellIndicator, m.shares, m.stock, m.price, m.matchNumber));
        }

        @Override
        public void brokenTrade(ITCH50.BrokenTrade m) {
            lines.add(line('B', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow), m.matchNumber));
        }

        @Override
        public void noii(ITCH50.NOII m) {
            lines.add(line('I', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow), m.pairedShares,
                m.imbalanceShares, m.imbalanceDirection, m.stock, m.farPrice, m.nearPrice, m.currentReferencePrice,
                m.crossType, m.priceVariationIndicator));
        }

        @Override
        public void crossTrade(ITCH50.CrossTrade m) {
            crossHeaders.add(line('Q', m.stockLocate, m.trackingNumber, ts(m.timestampHigh, m.timestampLow)));
            crossShares.add(m.shares); // juncture 1.0.0: only the first 4 of the 8 bytes
        }

        @Override
        public void stockTradingAction(ITCH50.StockTradingAction m) {
        }

        @Override
        public void regSHORestriction(ITCH50.RegSHORestriction m) {
        }

        @Override
        public void marketParticipantPosition(ITCH50.MarketParticipantPosition m) {
        }

        @Override
        public void mwcbDeclineLevel(ITCH50.MWCBDeclineLevel m) {
        }

        @Override
        public void mwcbStatus(ITCH50.MWCBStatus m) {
        }

        @Override
        public void ipoQuotingPeriodUpdate(ITCH50.IPOQuotingPeriodUpdate m) {
        }

        @Override
        public void luldAuctionCollar(ITCH50.LULDAuctionCollar m) {
        }

        @Override
        public void operationalHalt(ITCH50.OperationalHalt m) {
        }

        @Override
        public void rpii(ITCH50.RPII m) {
        }
    }
}
