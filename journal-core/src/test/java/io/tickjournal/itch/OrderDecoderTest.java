package io.tickjournal.itch;

import org.junit.jupiter.api.Test;

import static io.tickjournal.itch.AdministrativeDecoderTest.LOCATE;
import static io.tickjournal.itch.AdministrativeDecoderTest.TRACKING;
import static io.tickjournal.itch.AdministrativeDecoderTest.TS;
import static io.tickjournal.itch.AdministrativeDecoderTest.assertHeader;
import static io.tickjournal.itch.RawMessage.PAD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A F E C X D U built by hand from the ITCH 5.0 spec offsets, decoded, every field checked. */
class OrderDecoderTest {
    static final long REF = 0x0123_4567_89AB_CDEFL;
    static final long MATCH = 0x7EDC_BA98_7654_3210L;
    static final long BIG_PRICE = 0xFFFF_FFFEL; // above 2^31: must read unsigned

    @Test
    void addOrder() {
        RawMessage m = new RawMessage(36).header('A', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, 'B', 1).put(20, 0x8000_0001L, 4).alpha(24, "AAPL", 8).put(32, BIG_PRICE, 4);
        AddOrderDecoder d = new AddOrderDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'A', 36);
        assertAll(
            () -> assertEquals(REF, d.orderReferenceNumber()),
            () -> assertEquals((byte) 'B', d.buySellIndicator()),
            () -> assertEquals(0x8000_0001L, d.shares()),
            () -> assertEquals(0x4141_504C_2020_2020L, d.stock()),
            () -> assertEquals("AAPL", d.stockAsString()),
            () -> assertEquals(BIG_PRICE, d.price()));
    }

    @Test
    void addOrderMpid() {
        RawMessage m = new RawMessage(40).header('F', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, 'S', 1).put(20, 100, 4).alpha(24, "GOOGL", 8).put(32, 1_234_500, 4)
            .alpha(36, "VIRT", 4);
        AddOrderMpidDecoder d = new AddOrderMpidDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'F', 40);
        assertAll(
            () -> assertEquals(REF, d.orderReferenceNumber()),
            () -> assertEquals((byte) 'S', d.buySellIndicator()),
            () -> assertEquals(100, d.shares()),
            () -> assertEquals("GOOGL", d.stockAsString()),
            () -> assertEquals(1_234_500, d.price()),
            () -> assertEquals(0x5649_5254L, d.attribution()),
            () -> assertEquals("VIRT", d.attributionAsString()));
    }

    @Test
    void orderExecuted() {
        RawMessage m = new RawMessage(31).header('E', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, 0xFFFF_FFFFL, 4).put(23, MATCH, 8);
        OrderExecutedDecoder d = new OrderExecutedDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'E', 31);
        assertEquals(REF, d.orderReferenceNumber());
        assertEquals(0xFFFF_FFFFL, d.executedShares());
        assertEquals(MATCH, d.matchNumber());
    }

    @Test
    void orderExecutedWithPrice() {
        RawMessage m = new RawMessage(36).header('C', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, 250, 4).put(23, MATCH, 8).put(31, 'N', 1).put(32, BIG_PRICE, 4);
        OrderExecutedWithPriceDecoder d = new OrderExecutedWithPriceDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'C', 36);
        assertAll(
            () -> assertEquals(REF, d.orderReferenceNumber()),
            () -> assertEquals(250, d.executedShares()),
            () -> assertEquals(MATCH, d.matchNumber()),
            () -> assertEquals((byte) 'N', d.printable()),
            () -> assertEquals(BIG_PRICE, d.executionPrice()));
    }

    @Test
    void orderCancel() {
        RawMessage m = new RawMessage(23).header('X', LOCATE, TRACKING, TS).put(11, REF, 8).put(19, 0x9000_0000L, 4);
        OrderCancelDecoder d = new OrderCancelDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'X', 23);
        assertEquals(REF, d.orderReferenceNumber());
        assertEquals(0x9000_0000L, d.cancelledShares());
    }

    @Test
    void orderDelete() {
        RawMessage m = new RawMessage(19).header('D', LOCATE, TRACKING, TS).put(11, REF, 8);
        OrderDeleteDecoder d = new OrderDeleteDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'D', 19);
        assertEquals(REF, d.orderReferenceNumber());
    }

    @Test
    void orderReplace() {
        RawMessage m = new RawMessage(35).header('U', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, REF + 1, 8).put(27, 0xA000_0000L, 4).put(31, BIG_PRICE, 4);
        OrderReplaceDecoder d = new OrderReplaceDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'U', 35);
        assertAll(
            () -> assertEquals(REF, d.originalOrderReferenceNumber()),
            () -> assertEquals(REF + 1, d.newOrderReferenceNumber()),
            () -> assertEquals(0xA000_0000L, d.shares()),
            () -> assertEquals(BIG_PRICE, d.price()));
    }
}
