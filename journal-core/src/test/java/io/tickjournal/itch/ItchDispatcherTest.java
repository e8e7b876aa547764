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
    void appendToWorksForEveryType() {
        ItchListener dumper = new ItchListener() {
        };
        StringBuilder sb = new StringBuilder();
        for (ItchRecords.Msg m : ItchRoundTripTest.everyType()) {
            Bytes<byte[]> bytes = Bytes.wrapForRead(encode(m, 0));
            byte type = bytes.readByte(0);
            ItchDispatcher d = new ItchDispatcher(new ItchListener() {
                @Override
                public void onCrossTrade(CrossTradeDecoder q) {
                    q.appendTo(sb);
                }

                @Override
                public void onMwcbDeclineLevel(MwcbDeclineLevelDecoder v) {
                    v.appendTo(sb);
                }

                @Override
                public void onStockDirectory(StockDirectoryDecoder r) {
                    r.appendTo(sb);
                }
            });
            assertEquals(ItchDispatcher.OK, d.dispatch(bytes, 0, ItchMessageType.length(type)));
            assertEquals(ItchDispatcher.OK, new ItchDispatcher(dumper).dispatch(bytes, 0, ItchMessageType.length(type)));
        }
        String dump = sb.toString();
        assertTrue(dump.contains("CROSS_TRADE stockLocate=21 trackingNumber=18 timestamp=23:59:59.999999998"
            + " shares=5000000000 stock=SPY crossPrice=400000.0000 matchNumber=4611686018427387907 crossType=C"), dump);
        assertTrue(dump.contains("level1=38611.50000000"), dump);
        assertTrue(dump.contains("stock=ABCDEFGH marketCategory=Q financialStatusIndicator=D roundLotSize=100"), dump);
        assertTrue(dump.contains("ipoFlag=N luldReferencePriceTier=2 etpFlag=N etpLeverageFactor=4294967295"), dump);
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
