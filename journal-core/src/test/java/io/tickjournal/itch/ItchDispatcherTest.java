package io.tickjournal.itch;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItchDispatcherTest {
    private final ItchRecords.Recorder recorder = new ItchRecords.Recorder();
    private final ItchDispatcher dispatcher = new ItchDispatcher(recorder);

    private static byte[] encode(ItchRecords.Msg m, int room) {
        ByteBuffer b = ByteBuffer.allocate(64 + room);
        m.encode(b);
        return b.array();
    }

    @Test
    void unknownTypeIsReportedAndNotDispatched() {
        byte[] bytes = new byte[64];
        int unknown = 0;
        for (int t = 0; t < 256; t++) {
            if (ItchMessageType.length((byte) t) > 0) {
                continue;
            }
            bytes[0] = (byte) t;
            assertEquals(ItchDispatcher.UNKNOWN_TYPE, dispatcher.dispatch(Bytes.wrapForRead(bytes), 0, 12), "type " + t);
            unknown++;
        }
        assertEquals(256 - 23, unknown);
        assertEquals(List.of(), recorder.messages);
    }

    @Test
    void wrongLengthIsReportedAndNotDispatched() {
        for (ItchRecords.Msg m : ItchRoundTripTest.everyType()) {
            Bytes<byte[]> bytes = Bytes.wrapForRead(encode(m, 8));
            int length = ItchMessageType.length(bytes.readByte(0));
            assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(bytes, 0, length - 1), m.toString());
            assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(bytes, 0, length + 1), m.toString());
        }
        assertEquals(List.of(), recorder.messages);
    }

    @Test
    void emptyOrTruncatedInputIsBadLength() {
        byte[] addOrder = encode(ItchRoundTripTest.everyType().get(10), 0);
        assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(Bytes.wrapForRead(addOrder), 0, 0));
        assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(Bytes.wrapForRead(addOrder), 0, -5));
        byte[] truncated = java.util.Arrays.copyOf(addOrder, 35);
        assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(Bytes.wrapForRead(truncated), 0, 36));
        assertEquals(ItchDispatcher.BAD_LENGTH, dispatcher.dispatch(Bytes.wrapForRead(addOrder), -1, 36));
        assertEquals(List.of(), recorder.messages);
    }

    @Test
    void dispatchesFromABytesStoreAtAnOffset() {
        ItchRecords.Msg m = ItchRoundTripTest.everyType().get(18); // Q
        ByteBuffer b = ByteBuffer.allocate(3 + 40);
        b.position(3);
        m.encode(b);
        assertEquals(ItchDispatcher.OK, dispatcher.dispatch(BytesStore.wrap(b.array()), 3, 40));
        assertEquals(List.of(m), recorder.messages);
    }

    @Test
    void appendToShowsEveryField() {
        ByteBuffer b = ByteBuffer.allocate(64);
        ItchEncoder.addOrderMpid(b, 42, 7, 34_200_000_000_001L, 123_456, (byte) 'S', 300, "AAPL", 1_234_500, "VIRT");
        String dump = new AddOrderMpidDecoder().wrap(Bytes.wrapForRead(b.array()), 0).appendTo(new StringBuilder())
            .toString();
        assertEquals("ADD_ORDER_MPID stockLocate=42 trackingNumber=7 timestamp=09:30:00.000000001"
            + " orderReferenceNumber=123456 buySellIndicator=S shares=300 stock=AAPL price=123.4500"
            + " attribution=VIRT", dump);
    }

    @Test
    void appendToDumpsEveryFieldOfEveryType() {
        ItchMessageDecoder[] decoders = {
            new SystemEventDecoder(), new StockDirectoryDecoder(), new StockTradingActionDecoder(),
            new RegShoRestrictionDecoder(), new MarketParticipantPositionDecoder(), new MwcbDeclineLevelDecoder(),
            new MwcbStatusDecoder(), new IpoQuotingPeriodUpdateDecoder(), new LuldAuctionCollarDecoder(),
            new OperationalHaltDecoder(), new AddOrderDecoder(), new AddOrderMpidDecoder(), new OrderExecutedDecoder(),
            new OrderExecutedWithPriceDecoder(), new OrderCancelDecoder(), new OrderDeleteDecoder(),
            new OrderReplaceDecoder(), new TradeDecoder(), new CrossTradeDecoder(), new BrokenTradeDecoder(),
            new NoiiDecoder(), new RpiiDecoder(), new DlcrPriceDiscoveryDecoder(),
        };
        List<ItchRecords.Msg> messages = ItchRoundTripTest.everyType();
        StringBuilder dump = new StringBuilder();
        for (int i = 0; i < decoders.length; i++) {
            decoders[i].wrap(Bytes.wrapForRead(encode(messages.get(i), 0)), 0).appendTo(dump).append('\n');
        }
        String expected = """
            SYSTEM_EVENT stockLocate=0 trackingNumber=1 timestamp=01:00:00.000000000 eventCode=O
            STOCK_DIRECTORY stockLocate=65535 trackingNumber=2 timestamp=23:59:59.999999998 stock=ABCDEFGH marketCategory=Q financialStatusIndicator=D roundLotSize=100 roundLotsOnly=N issueClassification=A issueSubType=AI authenticity=P shortSaleThresholdIndicator=Y ipoFlag=N luldReferencePriceTier=2 etpFlag=N etpLeverageFactor=4294967295 inverseIndicator=Y
            STOCK_TRADING_ACTION stockLocate=7 trackingNumber=65535 timestamp=23:59:59.999999998 stock=AAPL tradingState=T reserved=0x20 reason=IPO1
            REG_SHO_RESTRICTION stockLocate=8 trackingNumber=3 timestamp=23:59:59.999999998 stock=GME regShoAction=2
            MARKET_PARTICIPANT_POSITION stockLocate=9 trackingNumber=4 timestamp=23:59:59.999999998 mpid=CDRG stock=AMD primaryMarketMaker=Y marketMakerMode=P marketParticipantState=S
            MWCB_DECLINE_LEVEL stockLocate=0 trackingNumber=5 timestamp=23:59:59.999999998 level1=38611.50000000 level2=36110.90000000 level3=92233720368.54775807
            MWCB_STATUS stockLocate=0 trackingNumber=6 timestamp=23:59:59.999999998 breachedLevel=3
            IPO_QUOTING_PERIOD_UPDATE stockLocate=10 trackingNumber=7 timestamp=23:59:59.999999998 stock=IPOCO ipoQuotationReleaseTime=34200 ipoQuotationReleaseQualifier=C ipoPrice=429496.7295
            LULD_AUCTION_COLLAR stockLocate=11 trackingNumber=8 timestamp=23:59:59.999999998 stock=LULD auctionCollarReferencePrice=429496.7295 upperAuctionCollarPrice=429496.7294 lowerAuctionCollarPrice=214748.3648 auctionCollarExtension=3
            OPERATIONAL_HALT stockLocate=12 trackingNumber=9 timestamp=23:59:59.999999998 stock=HALT marketCode=B operationalHaltAction=H
            ADD_ORDER stockLocate=13 trackingNumber=10 timestamp=23:59:59.999999998 orderReferenceNumber=9223372036854775806 buySellIndicator=B shares=4000000000 stock=A price=429496.7295
            ADD_ORDER_MPID stockLocate=14 trackingNumber=11 timestamp=23:59:59.999999998 orderReferenceNumber=1099511627776 buySellIndicator=S shares=1 stock=MSFT price=214748.3649 attribution=GSCO
            ORDER_EXECUTED stockLocate=15 trackingNumber=12 timestamp=23:59:59.999999998 orderReferenceNumber=2199023255552 executedShares=4294967295 matchNumber=4611686018427387904
            ORDER_EXECUTED_WITH_PRICE stockLocate=16 trackingNumber=13 timestamp=23:59:59.999999998 orderReferenceNumber=4398046511104 executedShares=17 matchNumber=4611686018427387905 printable=N executionPrice=300000.0000
            ORDER_CANCEL stockLocate=17 trackingNumber=14 timestamp=23:59:59.999999998 orderReferenceNumber=8796093022208 cancelledShares=3999999999
            ORDER_DELETE stockLocate=18 trackingNumber=15 timestamp=23:59:59.999999998 orderReferenceNumber=17592186044416
            ORDER_REPLACE stockLocate=19 trackingNumber=16 timestamp=23:59:59.999999998 originalOrderReferenceNumber=35184372088832 newOrderReferenceNumber=35184372088833 shares=2500000000 price=250000.0001
            TRADE stockLocate=20 trackingNumber=17 timestamp=23:59:59.999999998 orderReferenceNumber=0 buySellIndicator=B shares=3333333333 stock=TSLA price=344444.4444 matchNumber=4611686018427387906
            CROSS_TRADE stockLocate=21 trackingNumber=18 timestamp=23:59:59.999999998 shares=5000000000 stock=SPY crossPrice=400000.0000 matchNumber=4611686018427387907 crossType=C
            BROKEN_TRADE stockLocate=22 trackingNumber=19 timestamp=23:59:59.999999998 matchNumber=4611686018427387907
            NOII stockLocate=23 trackingNumber=20 timestamp=23:59:59.999999998 pairedShares=8589934592 imbalanceShares=8589934597 imbalanceDirection=O stock=QQQ farPrice=429496.7295 nearPrice=214748.3648 currentReferencePrice=0.0001 crossType=H priceVariationIndicator=9
            RPII stockLocate=24 trackingNumber=21 timestamp=23:59:59.999999998 stock=RPI interestFlag=N
            DLCR_PRICE_DISCOVERY stockLocate=25 trackingNumber=22 timestamp=23:59:59.999999998 stock=DLCRCO openEligibilityStatus=N minimumAllowablePrice=0.0001 maximumAllowablePrice=429496.7295 nearExecutionPrice=214748.3648 nearExecutionTime=86399999999998 lowerPriceRangeCollar=0.0002 upperPriceRangeCollar=0.0003
            """;
        assertEquals(expected, dump.toString());
    }

    @Test
    void dispatchAndGettersDoNotAllocate() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ByteBuffer b = ByteBuffer.allocate(1024);
        for (ItchRecords.Msg m : ItchRoundTripTest.everyType()) {
            m.encode(b);
        }
        Bytes<byte[]> bytes = Bytes.wrapForRead(b.array());
        long[] sink = new long[1];
        ItchDispatcher d = new ItchDispatcher(new ItchListener() {
            @Override
            public void onAddOrder(AddOrderDecoder m) {
                sink[0] += m.orderReferenceNumber() + m.shares() + m.price() + m.stock() + m.buySellIndicator()
                    + m.timestamp() + m.stockLocate();
            }

            @Override
            public void onCrossTrade(CrossTradeDecoder m) {
                sink[0] += m.shares() + m.crossPrice() + m.matchNumber() + m.stock();
            }

            @Override
            public void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
                sink[0] += m.executedShares() + m.executionPrice() + m.printable();
            }
        });
        long end = b.position();
        for (int round = 0; round < 2; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++) {
                for (long offset = 0; offset < end; ) {
                    int length = ItchMessageType.length(bytes.readByte(offset));
                    d.dispatch(bytes, offset, length);
                    offset += length;
                }
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                // 460,000 dispatches: anything per message would be megabytes
                assertTrue(allocated < 10_000, "allocated " + allocated + " bytes");
            }
        }
        assertFalse(sink[0] == 0);
    }
}
