package io.tickjournal.itch;

/**
 * Byte layout of the ITCH 5.0 trade and auction messages (P, Q, B, I, N, O). Offsets are from the
 * message type byte, after the 11-byte header of {@link ItchLayout}; every integer is big-endian
 * and unsigned; prices are Price(4).
 *
 * <pre>
 * P Trade (44):                 11 Order Ref(8) 19 Buy/Sell(1) 20 Shares(4) 24 Stock(8)
 *                               32 Price(4) 36 Match Number(8)
 * Q Cross Trade (40):           11 Shares(8) 19 Stock(8) 27 Cross Price(4) 31 Match Number(8)
 *                               39 Cross Type(1)
 * B Broken Trade (19):          11 Match Number(8)
 * I NOII (50):                  11 Paired Shares(8) 19 Imbalance Shares(8)
 *                               27 Imbalance Direction(1) 28 Stock(8) 36 Far Price(4)
 *                               40 Near Price(4) 44 Current Reference Price(4) 48 Cross Type(1)
 *                               49 Price Variation Indicator(1)
 * N RPII (20):                  11 Stock(8) 19 Interest Flag(1)
 * O DLCR Price Discovery (48):  11 Stock(8) 19 Open Eligibility Status(1)
 *                               20 Minimum Allowable Price(4) 24 Maximum Allowable Price(4)
 *                               28 Near Execution Price(4) 32 Near Execution Time(8, ns)
 *                               40 Lower Price Range Collar(4) 44 Upper Price Range Collar(4)
 *
 * Q: Shares is 8 bytes (spec 5.0); readers that take 4 bytes misplace every later field.
 *   0      11                       19                  27          31                  39   40
 *   +------+------------------------+-------------------+-----------+-------------------+----+
 *   |header| Shares (8)             | Stock             | Cross Px  | Match Number      |Type|
 *   +------+------------------------+-------------------+-----------+-------------------+----+
 * </pre>
 */
public final class ItchTradeLayout {
    public static final int TRADE_REFERENCE_NUMBER_OFFSET = 11;
    public static final int TRADE_BUY_SELL_INDICATOR_OFFSET = 19;
    public static final int TRADE_SHARES_OFFSET = 20;
    public static final int TRADE_STOCK_OFFSET = 24;
    public static final int TRADE_PRICE_OFFSET = 32;
    public static final int TRADE_MATCH_NUMBER_OFFSET = 36;
    public static final int TRADE_LENGTH = 44;

    public static final int CROSS_TRADE_SHARES_OFFSET = 11;
    public static final int CROSS_TRADE_STOCK_OFFSET = 19;
    public static final int CROSS_TRADE_CROSS_PRICE_OFFSET = 27;
    public static final int CROSS_TRADE_MATCH_NUMBER_OFFSET = 31;
    public static final int CROSS_TRADE_CROSS_TYPE_OFFSET = 39;
    public static final int CROSS_TRADE_LENGTH = 40;

    public static final int BROKEN_TRADE_MATCH_NUMBER_OFFSET = 11;
    public static final int BROKEN_TRADE_LENGTH = 19;

    public static final int NOII_PAIRED_SHARES_OFFSET = 11;
    public static final int NOII_IMBALANCE_SHARES_OFFSET = 19;
    public static final int NOII_IMBALANCE_DIRECTION_OFFSET = 27;
    public static final int NOII_STOCK_OFFSET = 28;
    public static final int NOII_FAR_PRICE_OFFSET = 36;
    public static final int NOII_NEAR_PRICE_OFFSET = 40;
    public static final int NOII_CURRENT_REFERENCE_PRICE_OFFSET = 44;
    public static final int NOII_CROSS_TYPE_OFFSET = 48;
    public static final int NOII_PRICE_VARIATION_INDICATOR_OFFSET = 49;
    public static final int NOII_LENGTH = 50;

    public static final int RPII_STOCK_OFFSET = 11;
    public static final int RPII_INTEREST_FLAG_OFFSET = 19;
    public static final int RPII_LENGTH = 20;

    public static final int DLCR_STOCK_OFFSET = 11;
    public static final int DLCR_OPEN_ELIGIBILITY_STATUS_OFFSET = 19;
    public static final int DLCR_MINIMUM_ALLOWABLE_PRICE_OFFSET = 20;
    public static final int DLCR_MAXIMUM_ALLOWABLE_PRICE_OFFSET = 24;
    public static final int DLCR_NEAR_EXECUTION_PRICE_OFFSET = 28;
    public static final int DLCR_NEAR_EXECUTION_TIME_OFFSET = 32;
    public static final int DLCR_LOWER_PRICE_RANGE_COLLAR_OFFSET = 40;
    public static final int DLCR_UPPER_PRICE_RANGE_COLLAR_OFFSET = 44;
    public static final int DLCR_LENGTH = 48;

    private ItchTradeLayout() {
    }
}
