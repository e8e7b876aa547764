package io.tickjournal.itch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes ITCH 5.0 messages, big-endian, into a {@link ByteBuffer} at its position and advances the
 * position; each method returns the number of bytes written, the spec length of its type. For
 * generators and tests: it uses ByteBuffer's own big-endian puts, a code path deliberately
 * separate from the decoders'. Stateless and thread-safe.
 *
 * <p>Alpha fields are passed as a {@code byte} (one character) or a {@code String}, space-padded on
 * the right to the field's length. Out-of-range numbers and over-long text throw
 * {@link IllegalArgumentException}; a buffer with too little room throws
 * {@link java.nio.BufferOverflowException}; a little-endian buffer is refused.
 */
public final class ItchEncoder {
    private static final long U16_MAX = 0xFFFFL;
    private static final long U32_MAX = 0xFFFF_FFFFL;
    private static final long U48_MAX = 0xFFFF_FFFF_FFFFL;

    private ItchEncoder() {
    }

    /** Writes an ITCH S message (system event, 12 bytes): the header, then the fields in spec order. */
    public static int systemEvent(ByteBuffer b, int locate, int tracking, long timestampNs, byte eventCode) {
        header(b, ItchMessageType.SYSTEM_EVENT, locate, tracking, timestampNs);
        b.put(eventCode);
        return ItchLayout.SYSTEM_EVENT_LENGTH;
    }

    /** Writes an ITCH R message (stock directory, 39 bytes): the header, then the fields in spec order. */
    public static int stockDirectory(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                     byte marketCategory, byte financialStatusIndicator, long roundLotSize,
                                     byte roundLotsOnly, byte issueClassification, String issueSubType,
                                     byte authenticity, byte shortSaleThresholdIndicator, byte ipoFlag,
                                     byte luldReferencePriceTier, byte etpFlag, long etpLeverageFactor,
                                     byte inverseIndicator) {
        header(b, ItchMessageType.STOCK_DIRECTORY, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(marketCategory).put(financialStatusIndicator);
        u32(b, roundLotSize, "roundLotSize");
        b.put(roundLotsOnly).put(issueClassification);
        alpha(b, issueSubType, ItchLayout.STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH);
        b.put(authenticity).put(shortSaleThresholdIndicator).put(ipoFlag).put(luldReferencePriceTier).put(etpFlag);
        u32(b, etpLeverageFactor, "etpLeverageFactor");
        b.put(inverseIndicator);
        return ItchLayout.STOCK_DIRECTORY_LENGTH;
    }

    /** Writes an ITCH H message (stock trading action, 25 bytes): the header, then the fields in spec order. */
    public static int stockTradingAction(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                         byte tradingState, byte reserved, String reason) {
        header(b, ItchMessageType.STOCK_TRADING_ACTION, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(tradingState).put(reserved);
        alpha(b, reason, ItchLayout.STOCK_TRADING_ACTION_REASON_LENGTH);
        return ItchLayout.STOCK_TRADING_ACTION_LENGTH;
    }

    /** Writes an ITCH Y message (reg sho restriction, 20 bytes): the header, then the fields in spec order. */
    public static int regShoRestriction(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                        byte regShoAction) {
        header(b, ItchMessageType.REG_SHO_RESTRICTION, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(regShoAction);
        return ItchLayout.REG_SHO_RESTRICTION_LENGTH;
    }

    /** Writes an ITCH L message (market participant position, 26 bytes): the header, then the fields in spec order. */
    public static int marketParticipantPosition(ByteBuffer b, int locate, int tracking, long timestampNs,
                                                String mpid, String stock, byte primaryMarketMaker,
                                                byte marketMakerMode, byte marketParticipantState) {
        header(b, ItchMessageType.MARKET_PARTICIPANT_POSITION, locate, tracking, timestampNs);
        alpha(b, mpid, ItchLayout.MPID_LENGTH);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(primaryMarketMaker).put(marketMakerMode).put(marketParticipantState);
        return ItchLayout.MARKET_PARTICIPANT_POSITION_LENGTH;
    }

    /** Levels are Price(8): 8 implied decimals. */
    public static int mwcbDeclineLevel(ByteBuffer b, int locate, int tracking, long timestampNs,
                                       long level1, long level2, long level3) {
        header(b, ItchMessageType.MWCB_DECLINE_LEVEL, locate, tracking, timestampNs);
        b.putLong(level1).putLong(level2).putLong(level3);
        return ItchLayout.MWCB_DECLINE_LEVEL_LENGTH;
    }

    /** Writes an ITCH W message (mwcb status, 12 bytes): the header, then the fields in spec order. */
    public static int mwcbStatus(ByteBuffer b, int locate, int tracking, long timestampNs, byte breachedLevel) {
        header(b, ItchMessageType.MWCB_STATUS, locate, tracking, timestampNs);
        b.put(breachedLevel);
        return ItchLayout.MWCB_STATUS_LENGTH;
    }

    /** {@code ipoQuotationReleaseTime} in seconds since midnight. */
    public static int ipoQuotingPeriodUpdate(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                             long ipoQuotationReleaseTime, byte ipoQuotationReleaseQualifier,
                                             long ipoPrice) {
        header(b, ItchMessageType.IPO_QUOTING_PERIOD_UPDATE, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        u32(b, ipoQuotationReleaseTime, "ipoQuotationReleaseTime");
        b.put(ipoQuotationReleaseQualifier);
        u32(b, ipoPrice, "ipoPrice");
        return ItchLayout.IPO_QUOTING_PERIOD_UPDATE_LENGTH;
    }

    /** Writes an ITCH J message (luld auction collar, 35 bytes): the header, then the fields in spec order. */
    public static int luldAuctionCollar(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                        long auctionCollarReferencePrice, long upperAuctionCollarPrice,
                                        long lowerAuctionCollarPrice, long auctionCollarExtension) {
        header(b, ItchMessageType.LULD_AUCTION_COLLAR, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        u32(b, auctionCollarReferencePrice, "auctionCollarReferencePrice");
        u32(b, upperAuctionCollarPrice, "upperAuctionCollarPrice");
        u32(b, lowerAuctionCollarPrice, "lowerAuctionCollarPrice");
        u32(b, auctionCollarExtension, "auctionCollarExtension");
        return ItchLayout.LULD_AUCTION_COLLAR_LENGTH;
    }

    /** Writes an ITCH h message (operational halt, 21 bytes): the header, then the fields in spec order. */
    public static int operationalHalt(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                      byte marketCode, byte operationalHaltAction) {
        header(b, ItchMessageType.OPERATIONAL_HALT, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(marketCode).put(operationalHaltAction);
        return ItchLayout.OPERATIONAL_HALT_LENGTH;
    }

    /** Writes an ITCH A message (add order, 36 bytes): the header, then the fields in spec order. */
    public static int addOrder(ByteBuffer b, int locate, int tracking, long timestampNs, long ref, byte side,
                               long shares, String stock, long price) {
        header(b, ItchMessageType.ADD_ORDER, locate, tracking, timestampNs);
        addOrderBody(b, ref, side, shares, stock, price);
        return ItchOrderLayout.ADD_ORDER_LENGTH;
    }

    /** Writes an ITCH F message (add order mpid, 40 bytes): the header, then the fields in spec order. */
    public static int addOrderMpid(ByteBuffer b, int locate, int tracking, long timestampNs, long ref, byte side,
                                   long shares, String stock, long price, String attribution) {
        header(b, ItchMessageType.ADD_ORDER_MPID, locate, tracking, timestampNs);
        addOrderBody(b, ref, side, shares, stock, price);
        alpha(b, attribution, ItchOrderLayout.ADD_ORDER_MPID_ATTRIBUTION_LENGTH);
        return ItchOrderLayout.ADD_ORDER_MPID_LENGTH;
    }

    /** Writes an ITCH E message (order executed, 31 bytes): the header, then the fields in spec order. */
    public static int orderExecuted(ByteBuffer b, int locate, int tracking, long timestampNs, long ref,
                                    long executedShares, long matchNumber) {
        header(b, ItchMessageType.ORDER_EXECUTED, locate, tracking, timestampNs);
        b.putLong(ref);
        u32(b, executedShares, "executedShares");
        b.putLong(matchNumber);
        return ItchOrderLayout.ORDER_EXECUTED_LENGTH;
    }

    /** Writes an ITCH C message (order executed with price, 36 bytes): the header, then the fields in spec order. */
    public static int orderExecutedWithPrice(ByteBuffer b, int locate, int tracking, long timestampNs, long ref,
                                             long executedShares, long matchNumber, byte printable,
                                             long executionPrice) {
        header(b, ItchMessageType.ORDER_EXECUTED_WITH_PRICE, locate, tracking, timestampNs);
        b.putLong(ref);
        u32(b, executedShares, "executedShares");
        b.putLong(matchNumber).put(printable);
        u32(b, executionPrice, "executionPrice");
        return ItchOrderLayout.ORDER_EXECUTED_WITH_PRICE_LENGTH;
    }

    /** Writes an ITCH X message (order cancel, 23 bytes): the header, then the fields in spec order. */
    public static int orderCancel(ByteBuffer b, int locate, int tracking, long timestampNs, long ref,
                                  long cancelledShares) {
        header(b, ItchMessageType.ORDER_CANCEL, locate, tracking, timestampNs);
        b.putLong(ref);
        u32(b, cancelledShares, "cancelledShares");
        return ItchOrderLayout.ORDER_CANCEL_LENGTH;
    }

    /** Writes an ITCH D message (order delete, 19 bytes): the header, then the fields in spec order. */
    public static int orderDelete(ByteBuffer b, int locate, int tracking, long timestampNs, long ref) {
        header(b, ItchMessageType.ORDER_DELETE, locate, tracking, timestampNs);
        b.putLong(ref);
        return ItchOrderLayout.ORDER_DELETE_LENGTH;
    }

    /** Writes an ITCH U message (order replace, 35 bytes): the header, then the fields in spec order. */
    public static int orderReplace(ByteBuffer b, int locate, int tracking, long timestampNs, long originalRef,
                                   long newRef, long shares, long price) {
        header(b, ItchMessageType.ORDER_REPLACE, locate, tracking, timestampNs);
        b.putLong(originalRef).putLong(newRef);
        u32(b, shares, "shares");
        u32(b, price, "price");
        return ItchOrderLayout.ORDER_REPLACE_LENGTH;
    }

    /** Writes an ITCH P message (trade, 44 bytes): the header, then the fields in spec order. */
    public static int trade(ByteBuffer b, int locate, int tracking, long timestampNs, long ref, byte side,
                            long shares, String stock, long price, long matchNumber) {
        header(b, ItchMessageType.TRADE, locate, tracking, timestampNs);
        addOrderBody(b, ref, side, shares, stock, price);
        b.putLong(matchNumber);
        return ItchTradeLayout.TRADE_LENGTH;
    }

    /** {@code shares} is the spec's 8-byte field. */
    public static int crossTrade(ByteBuffer b, int locate, int tracking, long timestampNs, long shares, String stock,
                                 long crossPrice, long matchNumber, byte crossType) {
        header(b, ItchMessageType.CROSS_TRADE, locate, tracking, timestampNs);
        b.putLong(shares);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        u32(b, crossPrice, "crossPrice");
        b.putLong(matchNumber).put(crossType);
        return ItchTradeLayout.CROSS_TRADE_LENGTH;
    }

    /** Writes an ITCH B message (broken trade, 19 bytes): the header, then the fields in spec order. */
    public static int brokenTrade(ByteBuffer b, int locate, int tracking, long timestampNs, long matchNumber) {
        header(b, ItchMessageType.BROKEN_TRADE, locate, tracking, timestampNs);
        b.putLong(matchNumber);
        return ItchTradeLayout.BROKEN_TRADE_LENGTH;
    }

    /** Writes an ITCH I message (noii, 50 bytes): the header, then the fields in spec order. */
    public static int noii(ByteBuffer b, int locate, int tracking, long timestampNs, long pairedShares,
                           long imbalanceShares, byte imbalanceDirection, String stock, long farPrice, long nearPrice,
                           long currentReferencePrice, byte crossType, byte priceVariationIndicator) {
        header(b, ItchMessageType.NOII, locate, tracking, timestampNs);
        b.putLong(pairedShares).putLong(imbalanceShares).put(imbalanceDirection);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        u32(b, farPrice, "farPrice");
        u32(b, nearPrice, "nearPrice");
        u32(b, currentReferencePrice, "currentReferencePrice");
        b.put(crossType).put(priceVariationIndicator);
        return ItchTradeLayout.NOII_LENGTH;
    }

    /** Writes an ITCH N message (rpii, 20 bytes): the header, then the fields in spec order. */
    public static int rpii(ByteBuffer b, int locate, int tracking, long timestampNs, String stock, byte interestFlag) {
        header(b, ItchMessageType.RPII, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(interestFlag);
        return ItchTradeLayout.RPII_LENGTH;
    }

    /** {@code nearExecutionTime} in nanoseconds (8 bytes). */
    public static int dlcrPriceDiscovery(ByteBuffer b, int locate, int tracking, long timestampNs, String stock,
                                         byte openEligibilityStatus, long minimumAllowablePrice,
                                         long maximumAllowablePrice, long nearExecutionPrice, long nearExecutionTime,
                                         long lowerPriceRangeCollar, long upperPriceRangeCollar) {
        header(b, ItchMessageType.DLCR_PRICE_DISCOVERY, locate, tracking, timestampNs);
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        b.put(openEligibilityStatus);
        u32(b, minimumAllowablePrice, "minimumAllowablePrice");
        u32(b, maximumAllowablePrice, "maximumAllowablePrice");
        u32(b, nearExecutionPrice, "nearExecutionPrice");
        b.putLong(nearExecutionTime);
        u32(b, lowerPriceRangeCollar, "lowerPriceRangeCollar");
        u32(b, upperPriceRangeCollar, "upperPriceRangeCollar");
        return ItchTradeLayout.DLCR_LENGTH;
    }

    /** Order Ref(8) Buy/Sell(1) Shares(4) Stock(8) Price(4): shared by A, F and P. */
    private static void addOrderBody(ByteBuffer b, long ref, byte side, long shares, String stock, long price) {
        b.putLong(ref).put(side);
        u32(b, shares, "shares");
        alpha(b, stock, ItchLayout.STOCK_LENGTH);
        u32(b, price, "price");
    }

    private static void header(ByteBuffer b, byte type, int locate, int tracking, long timestampNs) {
        if (b.order() != ByteOrder.BIG_ENDIAN) {
            throw new IllegalArgumentException("ITCH is big-endian: the ByteBuffer must be BIG_ENDIAN");
        }
        check(locate, U16_MAX, "stockLocate");
        check(tracking, U16_MAX, "trackingNumber");
        check(timestampNs, U48_MAX, "timestamp");
        b.put(type).putShort((short) locate).putShort((short) tracking)
            .putShort((short) (timestampNs >>> 32)).putInt((int) timestampNs);
    }

    private static void u32(ByteBuffer b, long value, String field) {
        check(value, U32_MAX, field);
        b.putInt((int) value);
    }

    private static void check(long value, long max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " out of range: " + value);
        }
    }

    private static void alpha(ByteBuffer b, String text, int length) {
        int n = text.length();
        if (n > length) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + length + " characters");
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("'" + text + "' is not ASCII");
            }
            b.put((byte) c);
        }
        for (int i = n; i < length; i++) {
            b.put((byte) ' ');
        }
    }
}
