package io.tickjournal.itch;

import io.tickjournal.itch.ItchRecords.*;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every type encoded with {@link ItchEncoder}, dispatched and decoded back to the same values. */
class ItchRoundTripTest {
    static final long TS = 86_399_999_999_998L; // near 86400e9, above 2^32
    static final long HIGH_PRICE = 4_294_967_295L; // Price(4) maximum, above 2^31

    /** One message of each of the 23 types, in spec order, with values that need every bit. */
    static List<Msg> everyType() {
        return List.of(
            new SystemEvent(0, 1, 3_600_000_000_000L, (byte) 'O'),
            new StockDirectory(65_535, 2, TS, "ABCDEFGH", (byte) 'Q', (byte) 'D', 100, (byte) 'N', (byte) 'A',
                "AI", (byte) 'P', (byte) 'Y', (byte) 'N', (byte) '2', (byte) 'N', 0xFFFF_FFFFL, (byte) 'Y'),
            new StockTradingAction(7, 65_535, TS, "AAPL", (byte) 'T', (byte) ' ', "IPO1"),
            new RegShoRestriction(8, 3, TS, "GME", (byte) '2'),
            new MarketParticipantPosition(9, 4, TS, "CDRG", "AMD", (byte) 'Y', (byte) 'P', (byte) 'S'),
            new MwcbDeclineLevel(0, 5, TS, 3_861_150_000_000L, 3_611_090_000_000L, Long.MAX_VALUE),
            new MwcbStatus(0, 6, TS, (byte) '3'),
            new IpoQuotingPeriodUpdate(10, 7, TS, "IPOCO", 34_200, (byte) 'C', HIGH_PRICE),
            new LuldAuctionCollar(11, 8, TS, "LULD", HIGH_PRICE, HIGH_PRICE - 1, 2_147_483_648L, 3),
            new OperationalHalt(12, 9, TS, "HALT", (byte) 'B', (byte) 'H'),
            new AddOrder(13, 10, TS, Long.MAX_VALUE - 1, (byte) 'B', 4_000_000_000L, "A", HIGH_PRICE),
            new AddOrderMpid(14, 11, TS, 1L << 40, (byte) 'S', 1, "MSFT", 2_147_483_649L, "GSCO"),
            new OrderExecuted(15, 12, TS, 1L << 41, 4_294_967_295L, 1L << 62),
            new OrderExecutedWithPrice(16, 13, TS, 1L << 42, 17, (1L << 62) + 1, (byte) 'N', 3_000_000_000L),
            new OrderCancel(17, 14, TS, 1L << 43, 3_999_999_999L),
            new OrderDelete(18, 15, TS, 1L << 44),
            new OrderReplace(19, 16, TS, 1L << 45, (1L << 45) + 1, 2_500_000_000L, 2_500_000_001L),
            new Trade(20, 17, TS, 0, (byte) 'B', 3_333_333_333L, "TSLA", 3_444_444_444L, (1L << 62) + 2),
            new CrossTrade(21, 18, TS, 5_000_000_000L, "SPY", 4_000_000_000L, (1L << 62) + 3, (byte) 'C'),
            new BrokenTrade(22, 19, TS, (1L << 62) + 3),
            new Noii(23, 20, TS, 1L << 33, (1L << 33) + 5, (byte) 'O', "QQQ", HIGH_PRICE, 2_147_483_648L, 1,
                (byte) 'H', (byte) '9'),
            new Rpii(24, 21, TS, "RPI", (byte) 'N'),
            new DlcrPriceDiscovery(25, 22, TS, "DLCRCO", (byte) 'N', 1, HIGH_PRICE, 2_147_483_648L, TS, 2, 3));
    }

    @Test
    void everyTypeDecodesToWhatWasEncoded() {
        List<Msg> sent = everyType();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        List<int[]> frames = new ArrayList<>();
        for (Msg m : sent) {
            int start = buffer.position();
            int n = m.encode(buffer);
            assertEquals(n, buffer.position() - start, m.toString());
            assertEquals(ItchMessageType.length(buffer.get(start)), n, m.toString());
            frames.add(new int[] {start, n});
        }
        assertEquals(23, frames.size());

        ItchRecords.Recorder recorder = new ItchRecords.Recorder();
        ItchDispatcher dispatcher = new ItchDispatcher(recorder);
        Bytes<byte[]> bytes = Bytes.wrapForRead(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
        for (int[] f : frames) {
            assertEquals(ItchDispatcher.OK, dispatcher.dispatch(bytes, f[0], f[1]));
        }
        assertEquals(sent, recorder.messages);
    }

    @Test
    void randomOrderMessagesRoundTrip() {
        long seed = System.nanoTime();
        SplittableRandom r = new SplittableRandom(seed);
        List<Msg> sent = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        List<int[]> frames = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int locate = r.nextInt(65_536);
            int tracking = r.nextInt(65_536);
            long ts = r.nextLong(1L << 48);
            long ref = r.nextLong(Long.MAX_VALUE);
            long u32 = r.nextLong(1L << 32);
            Msg m = switch (r.nextInt(5)) {
                case 0 -> new AddOrder(locate, tracking, ts, ref, (byte) (r.nextBoolean() ? 'B' : 'S'), u32,
                    "S" + r.nextInt(1_000_000), r.nextLong(1L << 32));
                case 1 -> new OrderExecutedWithPrice(locate, tracking, ts, ref, u32, r.nextLong(Long.MAX_VALUE),
                    (byte) (r.nextBoolean() ? 'Y' : 'N'), r.nextLong(1L << 32));
                case 2 -> new OrderReplace(locate, tracking, ts, ref, ref + 1, u32, r.nextLong(1L << 32));
                case 3 -> new CrossTrade(locate, tracking, ts, r.nextLong(Long.MAX_VALUE), "X", u32,
                    r.nextLong(Long.MAX_VALUE), (byte) 'O');
                default -> new Trade(locate, tracking, ts, ref, (byte) 'S', u32, "ZZZZZZZZ", r.nextLong(1L << 32),
                    r.nextLong(Long.MAX_VALUE));
            };
            int start = buffer.position();
            frames.add(new int[] {start, m.encode(buffer)});
            sent.add(m);
        }
        ItchRecords.Recorder recorder = new ItchRecords.Recorder();
        ItchDispatcher dispatcher = new ItchDispatcher(recorder);
        Bytes<byte[]> bytes = Bytes.wrapForRead(buffer.array());
        for (int[] f : frames) {
            assertEquals(ItchDispatcher.OK, dispatcher.dispatch(bytes, f[0], f[1]), "seed " + seed);
        }
        assertEquals(sent, recorder.messages, "seed " + seed);
    }
}
