package io.tickjournal.itch;

/**
 * Byte layout of the ITCH 5.0 common header and of the system and administrative messages
 * (S, R, H, Y, L, V, W, K, J, h). Offsets are from the message type byte; every integer is
 * big-endian and unsigned. Order messages are in {@link ItchOrderLayout}, trades and auction
 * messages in {@link ItchTradeLayout}.
 *
 * <pre>
 * Every message (header, 11 bytes):
 *   0               1               3               5                               11
 *   +---------------+---------------+---------------+-------------------------------+----
 *   | Message Type  | Stock Locate  | Tracking Num  | Timestamp (ns since midnight) | body
 *   |      1        |      2        |      2        |              6                |
 *   +---------------+---------------+---------------+-------------------------------+----
 *
 * S System Event (12):          11 Event Code(1)
 * R Stock Directory (39):       11 Stock(8) 19 Market Category(1) 20 Financial Status(1)
 *                               21 Round Lot Size(4) 25 Round Lots Only(1)
 *                               26 Issue Classification(1) 27 Issue Sub-Type(2)
 *                               29 Authenticity(1) 30 Short Sale Threshold(1) 31 IPO Flag(1)
 *                               32 LULD Ref Price Tier(1) 33 ETP Flag(1)
 *                               34 ETP Leverage Factor(4) 38 Inverse Indicator(1)
 * H Stock Trading Action (25):  11 Stock(8) 19 Trading State(1) 20 Reserved(1) 21 Reason(4)
 * Y Reg SHO Restriction (20):   11 Stock(8) 19 Reg SHO Action(1)
 * L Market Participant (26):    11 MPID(4) 15 Stock(8) 23 Primary Market Maker(1)
 *                               24 Market Maker Mode(1) 25 Market Participant State(1)
 * V MWCB Decline Level (35):    11 Level 1 Price(8) 19 Level 2 Price(8) 27 Level 3 Price(8)
 * W MWCB Status (12):           11 Breached Level(1)
 * K IPO Quoting Period (28):    11 Stock(8) 19 IPO Quotation Release Time(4, seconds)
 *                               23 IPO Quotation Release Qualifier(1) 24 IPO Price(4)
 * J LULD Auction Collar (35):   11 Stock(8) 19 Auction Collar Reference Price(4)
 *                               23 Upper Auction Collar Price(4) 27 Lower Auction Collar Price(4)
 *                               31 Auction Collar Extension(4)
 * h Operational Halt (21):      11 Stock(8) 19 Market Code(1) 20 Operational Halt Action(1)
 * </pre>
 */
public final class ItchLayout {
    public static final int MESSAGE_TYPE_OFFSET = 0;
    public static final int STOCK_LOCATE_OFFSET = 1;
    public static final int TRACKING_NUMBER_OFFSET = 3;
    public static final int TIMESTAMP_OFFSET = 5;
    public static final int HEADER_LENGTH = 11;

    public static final int STOCK_LENGTH = 8;
    public static final int PRICE_LENGTH = 4;
    public static final int MPID_LENGTH = 4;
    public static final int TIMESTAMP_LENGTH = 6;

    public static final int SYSTEM_EVENT_EVENT_CODE_OFFSET = 11;
    public static final int SYSTEM_EVENT_LENGTH = 12;

    public static final int STOCK_DIRECTORY_STOCK_OFFSET = 11;
    public static final int STOCK_DIRECTORY_MARKET_CATEGORY_OFFSET = 19;
    public static final int STOCK_DIRECTORY_FINANCIAL_STATUS_INDICATOR_OFFSET = 20;
    public static final int STOCK_DIRECTORY_ROUND_LOT_SIZE_OFFSET = 21;
    public static final int STOCK_DIRECTORY_ROUND_LOTS_ONLY_OFFSET = 25;
    public static final int STOCK_DIRECTORY_ISSUE_CLASSIFICATION_OFFSET = 26;
    public static final int STOCK_DIRECTORY_ISSUE_SUB_TYPE_OFFSET = 27;
    public static final int STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH = 2;
    public static final int STOCK_DIRECTORY_AUTHENTICITY_OFFSET = 29;
    public static final int STOCK_DIRECTORY_SHORT_SALE_THRESHOLD_INDICATOR_OFFSET = 30;
    public static final int STOCK_DIRECTORY_IPO_FLAG_OFFSET = 31;
    public static final int STOCK_DIRECTORY_LULD_REFERENCE_PRICE_TIER_OFFSET = 32;
    public static final int STOCK_DIRECTORY_ETP_FLAG_OFFSET = 33;
    public static final int STOCK_DIRECTORY_ETP_LEVERAGE_FACTOR_OFFSET = 34;
    public static final int STOCK_DIRECTORY_INVERSE_INDICATOR_OFFSET = 38;
    public static final int STOCK_DIRECTORY_LENGTH = 39;

    public static final int STOCK_TRADING_ACTION_STOCK_OFFSET = 11;
    public static final int STOCK_TRADING_ACTION_TRADING_STATE_OFFSET = 19;
    public static final int STOCK_TRADING_ACTION_RESERVED_OFFSET = 20;
    public static final int STOCK_TRADING_ACTION_REASON_OFFSET = 21;
    public static final int STOCK_TRADING_ACTION_REASON_LENGTH = 4;
    public static final int STOCK_TRADING_ACTION_LENGTH = 25;

    public static final int REG_SHO_RESTRICTION_STOCK_OFFSET = 11;
    public static final int REG_SHO_RESTRICTION_ACTION_OFFSET = 19;
    public static final int REG_SHO_RESTRICTION_LENGTH = 20;

    public static final int MARKET_PARTICIPANT_POSITION_MPID_OFFSET = 11;
    public static final int MARKET_PARTICIPANT_POSITION_STOCK_OFFSET = 15;
    public static final int MARKET_PARTICIPANT_POSITION_PRIMARY_MARKET_MAKER_OFFSET = 23;
    public static final int MARKET_PARTICIPANT_POSITION_MARKET_MAKER_MODE_OFFSET = 24;
    public static final int MARKET_PARTICIPANT_POSITION_MARKET_PARTICIPANT_STATE_OFFSET = 25;
    public static final int MARKET_PARTICIPANT_POSITION_LENGTH = 26;

    public static final int MWCB_DECLINE_LEVEL_LEVEL1_OFFSET = 11;
    public static final int MWCB_DECLINE_LEVEL_LEVEL2_OFFSET = 19;
    public static final int MWCB_DECLINE_LEVEL_LEVEL3_OFFSET = 27;
    public static final int MWCB_DECLINE_LEVEL_LENGTH = 35;

    public static final int MWCB_STATUS_BREACHED_LEVEL_OFFSET = 11;
    public static final int MWCB_STATUS_LENGTH = 12;

    public static final int IPO_QUOTING_PERIOD_UPDATE_STOCK_OFFSET = 11;
    public static final int IPO_QUOTING_PERIOD_UPDATE_RELEASE_TIME_OFFSET = 19;
    public static final int IPO_QUOTING_PERIOD_UPDATE_RELEASE_QUALIFIER_OFFSET = 23;
    public static final int IPO_QUOTING_PERIOD_UPDATE_IPO_PRICE_OFFSET = 24;
    public static final int IPO_QUOTING_PERIOD_UPDATE_LENGTH = 28;

    public static final int LULD_AUCTION_COLLAR_STOCK_OFFSET = 11;
    public static final int LULD_AUCTION_COLLAR_REFERENCE_PRICE_OFFSET = 19;
    public static final int LULD_AUCTION_COLLAR_UPPER_PRICE_OFFSET = 23;
    public static final int LULD_AUCTION_COLLAR_LOWER_PRICE_OFFSET = 27;
    public static final int LULD_AUCTION_COLLAR_EXTENSION_OFFSET = 31;
    public static final int LULD_AUCTION_COLLAR_LENGTH = 35;

    public static final int OPERATIONAL_HALT_STOCK_OFFSET = 11;
    public static final int OPERATIONAL_HALT_MARKET_CODE_OFFSET = 19;
    public static final int OPERATIONAL_HALT_ACTION_OFFSET = 20;
    public static final int OPERATIONAL_HALT_LENGTH = 21;

    private ItchLayout() {
    }
}
