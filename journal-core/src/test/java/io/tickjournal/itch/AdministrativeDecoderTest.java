package io.tickjournal.itch;

import org.junit.jupiter.api.Test;

import static io.tickjournal.itch.RawMessage.PAD;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** S R H Y L V W K J h built by hand from the ITCH 5.0 spec offsets, decoded, every field checked. */
class AdministrativeDecoderTest {
    static final int LOCATE = 0xFEDC;
    static final int TRACKING = 0xBA98;
    static final long TS = 86_399_999_999_999L;

    static void assertHeader(ItchMessageDecoder d, char type, int length) {
        assertAll(
            () -> assertEquals((byte) type, d.messageType()),
            () -> assertEquals(length, ItchMessageType.length((byte) type)),
            () -> assertEquals(length, d.length()),
            () -> assertEquals(PAD, d.offset()),
            () -> assertEquals(LOCATE, d.stockLocate()),
            () -> assertEquals(TRACKING, d.trackingNumber()),
            () -> assertEquals(TS, d.timestamp()));
    }

    @Test
    void systemEvent() {
        RawMessage m = new RawMessage(12).header('S', LOCATE, TRACKING, TS).put(11, 'Q', 1);
        SystemEventDecoder d = new SystemEventDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'S', 12);
        assertEquals((byte) 'Q', d.eventCode());
    }

    @Test
    void stockDirectory() {
        RawMessage m = new RawMessage(39).header('R', LOCATE, TRACKING, TS)
            .alpha(11, "ZVZZT", 8).put(19, 'Q', 1).put(20, 'N', 1).put(21, 0xFFFF_FFF0L, 4).put(25, 'Y', 1)
            .put(26, 'C', 1).alpha(27, "Z", 2).put(29, 'P', 1).put(30, 'N', 1).put(31, ' ', 1)
            .put(32, '1', 1).put(33, 'Y', 1).put(34, 3, 4).put(38, 'N', 1);
        StockDirectoryDecoder d = new StockDirectoryDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'R', 39);
        assertAll(
            () -> assertEquals(Symbols.pack("ZVZZT"), d.stock()),
            () -> assertEquals("ZVZZT", d.stockAsString()),
            () -> assertEquals((byte) 'Q', d.marketCategory()),
            () -> assertEquals((byte) 'N', d.financialStatusIndicator()),
            () -> assertEquals(0xFFFF_FFF0L, d.roundLotSize()),
            () -> assertEquals((byte) 'Y', d.roundLotsOnly()),
            () -> assertEquals((byte) 'C', d.issueClassification()),
            () -> assertEquals(('Z' << 8) | ' ', d.issueSubType()),
            () -> assertEquals("Z", d.issueSubTypeAsString()),
            () -> assertEquals((byte) 'P', d.authenticity()),
            () -> assertEquals((byte) 'N', d.shortSaleThresholdIndicator()),
            () -> assertEquals((byte) ' ', d.ipoFlag()),
            () -> assertEquals((byte) '1', d.luldReferencePriceTier()),
            () -> assertEquals((byte) 'Y', d.etpFlag()),
            () -> assertEquals(3, d.etpLeverageFactor()),
            () -> assertEquals((byte) 'N', d.inverseIndicator()));
    }

    @Test
    void stockTradingAction() {
        RawMessage m = new RawMessage(25).header('H', LOCATE, TRACKING, TS)
            .alpha(11, "AAPL", 8).put(19, 'H', 1).put(20, ' ', 1).alpha(21, "LUDP", 4);
        StockTradingActionDecoder d = new StockTradingActionDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'H', 25);
        assertAll(
            () -> assertEquals("AAPL", d.stockAsString()),
            () -> assertEquals(Symbols.pack("AAPL"), d.stock()),
            () -> assertEquals((byte) 'H', d.tradingState()),
            () -> assertEquals((byte) ' ', d.reserved()),
            () -> assertEquals(0x4C554450L, d.reason()),
            () -> assertEquals("LUDP", d.reasonAsString()));
    }

    @Test
    void regShoRestriction() {
        RawMessage m = new RawMessage(20).header('Y', LOCATE, TRACKING, TS).alpha(11, "ABCDEFGH", 8).put(19, '1', 1);
        RegShoRestrictionDecoder d = new RegShoRestrictionDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'Y', 20);
        assertEquals("ABCDEFGH", d.stockAsString());
        assertEquals(0x4142434445464748L, d.stock());
        assertEquals((byte) '1', d.regShoAction());
    }

    @Test
    void marketParticipantPosition() {
        RawMessage m = new RawMessage(26).header('L', LOCATE, TRACKING, TS)
            .alpha(11, "GSCO", 4).alpha(15, "MSFT", 8).put(23, 'Y', 1).put(24, 'N', 1).put(25, 'A', 1);
        MarketParticipantPositionDecoder d = new MarketParticipantPositionDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'L', 26);
        assertAll(
            () -> assertEquals(0x4753434FL, d.mpid()),
            () -> assertEquals("GSCO", d.mpidAsString()),
            () -> assertEquals("MSFT", d.stockAsString()),
            () -> assertEquals((byte) 'Y', d.primaryMarketMaker()),
            () -> assertEquals((byte) 'N', d.marketMakerMode()),
            () -> assertEquals((byte) 'A', d.marketParticipantState()));
    }

    @Test
    void mwcbDeclineLevel() {
        RawMessage m = new RawMessage(35).header('V', LOCATE, TRACKING, TS)
            .put(11, 3_861_150_000_000L, 8).put(19, 3_611_090_000_000L, 8).put(27, 0x7FFF_FFFF_FFFF_FFF1L, 8);
        MwcbDeclineLevelDecoder d = new MwcbDeclineLevelDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'V', 35);
        assertEquals(3_861_150_000_000L, d.level1());
        assertEquals(3_611_090_000_000L, d.level2());
        assertEquals(0x7FFF_FFFF_FFFF_FFF1L, d.level3());
    }

    @Test
    void mwcbStatus() {
        RawMessage m = new RawMessage(12).header('W', LOCATE, TRACKING, TS).put(11, '2', 1);
        MwcbStatusDecoder d = new MwcbStatusDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'W', 12);
        assertEquals((byte) '2', d.breachedLevel());
    }

    @Test
    void ipoQuotingPeriodUpdate() {
        RawMessage m = new RawMessage(28).header('K', LOCATE, TRACKING, TS)
            .alpha(11, "NEWCO", 8).put(19, 86_399, 4).put(23, 'A', 1).put(24, 0xF000_0001L, 4);
        IpoQuotingPeriodUpdateDecoder d = new IpoQuotingPeriodUpdateDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'K', 28);
        assertAll(
            () -> assertEquals("NEWCO", d.stockAsString()),
            () -> assertEquals(86_399, d.ipoQuotationReleaseTime()),
            () -> assertEquals((byte) 'A', d.ipoQuotationReleaseQualifier()),
            () -> assertEquals(0xF000_0001L, d.ipoPrice()));
    }

    @Test
    void luldAuctionCollar() {
        RawMessage m = new RawMessage(35).header('J', LOCATE, TRACKING, TS).alpha(11, "TSLA", 8)
            .put(19, 0x8000_0000L, 4).put(23, 0x8800_0000L, 4).put(27, 0x7800_0000L, 4).put(31, 0xFFFF_FFFFL, 4);
        LuldAuctionCollarDecoder d = new LuldAuctionCollarDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'J', 35);
        assertAll(
            () -> assertEquals("TSLA", d.stockAsString()),
            () -> assertEquals(0x8000_0000L, d.auctionCollarReferencePrice()),
            () -> assertEquals(0x8800_0000L, d.upperAuctionCollarPrice()),
            () -> assertEquals(0x7800_0000L, d.lowerAuctionCollarPrice()),
            () -> assertEquals(0xFFFF_FFFFL, d.auctionCollarExtension()));
    }

    @Test
    void operationalHalt() {
        RawMessage m = new RawMessage(21).header('h', LOCATE, TRACKING, TS).alpha(11, "QQQ", 8).put(19, 'X', 1).put(20, 'T', 1);
        OperationalHaltDecoder d = new OperationalHaltDecoder().wrap(m.wrap(), PAD);
        assertHeader(d, 'h', 21);
        assertEquals("QQQ", d.stockAsString());
        assertEquals((byte) 'X', d.marketCode());
        assertEquals((byte) 'T', d.operationalHaltAction());
    }
}
