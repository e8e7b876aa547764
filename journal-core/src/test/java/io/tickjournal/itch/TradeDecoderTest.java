package io.tickjournal.itch;

import org.junit.jupiter.api.Test;

import static io.tickjournal.itch.AdministrativeDecoderTest.LOCATE;
import static io.tickjournal.itch.AdministrativeDecoderTest.TRACKING;
import static io.tickjournal.itch.AdministrativeDecoderTest.TS;
import static io.tickjournal.itch.AdministrativeDecoderTest.assertHeader;
import static io.tickjournal.itch.OrderDecoderTest.BIG_PRICE;
import static io.tickjournal.itch.OrderDecoderTest.MATCH;
import static io.tickjournal.itch.OrderDecoderTest.REF;
import static io.tickjournal.itch.RawMessage.PAD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** P Q B I N O built by hand from the ITCH 5.0 spec offsets, decoded, every field checked. */
class TradeDecoderTest {
    @Test
    void trade() {
        RawMessage m = new RawMessage(44).header('P', LOCATE, TRACKING, TS)
            .put(11, REF, 8).put(19, 'S', 1).put(20, 0x8765_4321L, 4).alpha(24, "NVDA", 8).put(32, BIG_PRICE, 4)
            .put(36, MATCH, 8);
        TradeDecoder d = new TradeDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'P', 44);
        assertAll(
            () -> assertEquals(REF, d.orderReferenceNumber()),
            () -> assertEquals((byte) 'S', d.buySellIndicator()),
            () -> assertEquals(0x8765_4321L, d.shares()),
            () -> assertEquals("NVDA", d.stockAsString()),
            () -> assertEquals(BIG_PRICE, d.price()),
            () -> assertEquals(MATCH, d.matchNumber()));
    }

    @Test
    void crossTradeSharesAreEightBytes() {
        long shares = 0x0000_0001_0000_0002L; // > 2^32: a 4-byte reader would see 1 share
        RawMessage m = new RawMessage(40).header('Q', LOCATE, TRACKING, TS)
            .put(11, shares, 8).alpha(19, "SPY", 8).put(27, BIG_PRICE, 4).put(31, MATCH, 8).put(39, 'C', 1);
        CrossTradeDecoder d = new CrossTradeDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'Q', 40);
        assertAll(
            () -> assertEquals(shares, d.shares()),
            () -> assertEquals("SPY", d.stockAsString()),
            () -> assertEquals(Symbols.pack("SPY"), d.stock()),
            () -> assertEquals(BIG_PRICE, d.crossPrice()),
            () -> assertEquals(MATCH, d.matchNumber()),
            () -> assertEquals((byte) 'C', d.crossType()));
    }

    @Test
    void brokenTrade() {
        RawMessage m = new RawMessage(19).header('B', LOCATE, TRACKING, TS).put(11, MATCH, 8);
        BrokenTradeDecoder d = new BrokenTradeDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'B', 19);
        assertEquals(MATCH, d.matchNumber());
    }

    @Test
    void noii() {
        RawMessage m = new RawMessage(50).header('I', LOCATE, TRACKING, TS)
            .put(11, 0x0000_0002_0000_0000L, 8).put(19, 123_456_789_012L, 8).put(27, 'S', 1).alpha(28, "AMZN", 8)
            .put(36, 0xF000_0000L, 4).put(40, 0xE000_0000L, 4).put(44, 0xD000_0000L, 4).put(48, 'O', 1)
            .put(49, 'A', 1);
        NoiiDecoder d = new NoiiDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'I', 50);
        assertAll(
            () -> assertEquals(0x0000_0002_0000_0000L, d.pairedShares()),
            () -> assertEquals(123_456_789_012L, d.imbalanceShares()),
            () -> assertEquals((byte) 'S', d.imbalanceDirection()),
            () -> assertEquals("AMZN", d.stockAsString()),
            () -> assertEquals(0xF000_0000L, d.farPrice()),
            () -> assertEquals(0xE000_0000L, d.nearPrice()),
            () -> assertEquals(0xD000_0000L, d.currentReferencePrice()),
            () -> assertEquals((byte) 'O', d.crossType()),
            () -> assertEquals((byte) 'A', d.priceVariationIndicator()));
    }

    @Test
    void rpii() {
        RawMessage m = new RawMessage(20).header('N', LOCATE, TRACKING, TS).alpha(11, "META", 8).put(19, 'A', 1);
        RpiiDecoder d = new RpiiDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'N', 20);
        assertEquals("META", d.stockAsString());
        assertEquals((byte) 'A', d.interestFlag());
    }

    @Test
    void dlcrPriceDiscovery() {
        RawMessage m = new RawMessage(48).header('O', LOCATE, TRACKING, TS).alpha(11, "DLCR", 8).put(19, 'Y', 1)
            .put(20, 100_000, 4).put(24, 0x9000_0000L, 4).put(28, 0x8000_0001L, 4).put(32, TS - 1, 8)
            .put(40, 90_000, 4).put(44, 0xC000_0000L, 4);
        DlcrPriceDiscoveryDecoder d = new DlcrPriceDiscoveryDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'O', 48);
        assertAll(
            () -> assertEquals("DLCR", d.stockAsString()),
            () -> assertEquals((byte) 'Y', d.openEligibilityStatus()),
            () -> assertEquals(100_000, d.minimumAllowablePrice()),
            () -> assertEquals(0x9000_0000L, d.maximumAllowablePrice()),
            () -> assertEquals(0x8000_0001L, d.nearExecutionPrice()),
            () -> assertEquals(TS - 1, d.nearExecutionTime()),
            () -> assertEquals(90_000, d.lowerPriceRangeCollar()),
            () -> assertEquals(0xC000_0000L, d.upperPriceRangeCollar()));
    }
}
