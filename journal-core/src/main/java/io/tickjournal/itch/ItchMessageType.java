package io.tickjournal.itch;

/**
 * The ITCH 5.0 message type bytes and their spec lengths (type byte included). Lookups are
 * 256-entry tables indexed by the unsigned type byte.
 */
public final class ItchMessageType {
    public static final byte SYSTEM_EVENT = 'S';
    public static final byte STOCK_DIRECTORY = 'R';
    public static final byte STOCK_TRADING_ACTION = 'H';
    public static final byte REG_SHO_RESTRICTION = 'Y';
    public static final byte MARKET_PARTICIPANT_POSITION = 'L';
    public static final byte MWCB_DECLINE_LEVEL = 'V';
    public static final byte MWCB_STATUS = 'W';
    public static final byte IPO_QUOTING_PERIOD_UPDATE = 'K';
    public static final byte LULD_AUCTION_COLLAR = 'J';
    public static final byte OPERATIONAL_HALT = 'h';
    public static final byte ADD_ORDER = 'A';
    public static final byte ADD_ORDER_MPID = 'F';
    public static final byte ORDER_EXECUTED = 'E';
    public static final byte ORDER_EXECUTED_WITH_PRICE = 'C';
    public static final byte ORDER_CANCEL = 'X';
    public static final byte ORDER_DELETE = 'D';
    public static final byte ORDER_REPLACE = 'U';
    public static final byte TRADE = 'P';
    public static final byte CROSS_TRADE = 'Q';
    public static final byte BROKEN_TRADE = 'B';
    public static final byte NOII = 'I';
    public static final byte RPII = 'N';
    public static final byte DLCR_PRICE_DISCOVERY = 'O';

    /** Every known type, in spec order. */
    private static final byte[] ALL = {
        SYSTEM_EVENT, STOCK_DIRECTORY, STOCK_TRADING_ACTION, REG_SHO_RESTRICTION,
        MARKET_PARTICIPANT_POSITION, MWCB_DECLINE_LEVEL, MWCB_STATUS, IPO_QUOTING_PERIOD_UPDATE,
        LULD_AUCTION_COLLAR, OPERATIONAL_HALT, ADD_ORDER, ADD_ORDER_MPID, ORDER_EXECUTED,
        ORDER_EXECUTED_WITH_PRICE, ORDER_CANCEL, ORDER_DELETE, ORDER_REPLACE, TRADE, CROSS_TRADE,
        BROKEN_TRADE, NOII, RPII, DLCR_PRICE_DISCOVERY,
    };

    private static final int[] LENGTHS = new int[256];
    private static final String[] NAMES = new String[256];

    static {
        java.util.Arrays.fill(LENGTHS, -1);
        java.util.Arrays.fill(NAMES, "UNKNOWN");
        define(SYSTEM_EVENT, ItchLayout.SYSTEM_EVENT_LENGTH, "SYSTEM_EVENT");
        define(STOCK_DIRECTORY, ItchLayout.STOCK_DIRECTORY_LENGTH, "STOCK_DIRECTORY");
        define(STOCK_TRADING_ACTION, ItchLayout.STOCK_TRADING_ACTION_LENGTH, "STOCK_TRADING_ACTION");
        define(REG_SHO_RESTRICTION, ItchLayout.REG_SHO_RESTRICTION_LENGTH, "REG_SHO_RESTRICTION");
        define(MARKET_PARTICIPANT_POSITION, ItchLayout.MARKET_PARTICIPANT_POSITION_LENGTH,
            "MARKET_PARTICIPANT_POSITION");
        define(MWCB_DECLINE_LEVEL, ItchLayout.MWCB_DECLINE_LEVEL_LENGTH, "MWCB_DECLINE_LEVEL");
        define(MWCB_STATUS, ItchLayout.MWCB_STATUS_LENGTH, "MWCB_STATUS");
        define(IPO_QUOTING_PERIOD_UPDATE, ItchLayout.IPO_QUOTING_PERIOD_UPDATE_LENGTH,
            "IPO_QUOTING_PERIOD_UPDATE");
        define(LULD_AUCTION_COLLAR, ItchLayout.LULD_AUCTION_COLLAR_LENGTH, "LULD_AUCTION_COLLAR");
        define(OPERATIONAL_HALT, ItchLayout.OPERATIONAL_HALT_LENGTH, "OPERATIONAL_HALT");
        define(ADD_ORDER, ItchOrderLayout.ADD_ORDER_LENGTH, "ADD_ORDER");
        define(ADD_ORDER_MPID, ItchOrderLayout.ADD_ORDER_MPID_LENGTH, "ADD_ORDER_MPID");
        define(ORDER_EXECUTED, ItchOrderLayout.ORDER_EXECUTED_LENGTH, "ORDER_EXECUTED");
        define(ORDER_EXECUTED_WITH_PRICE, ItchOrderLayout.ORDER_EXECUTED_WITH_PRICE_LENGTH,
            "ORDER_EXECUTED_WITH_PRICE");
        define(ORDER_CANCEL, ItchOrderLayout.ORDER_CANCEL_LENGTH, "ORDER_CANCEL");
        define(ORDER_DELETE, ItchOrderLayout.ORDER_DELETE_LENGTH, "ORDER_DELETE");
        define(ORDER_REPLACE, ItchOrderLayout.ORDER_REPLACE_LENGTH, "ORDER_REPLACE");
        define(TRADE, ItchTradeLayout.TRADE_LENGTH, "TRADE");
        define(CROSS_TRADE, ItchTradeLayout.CROSS_TRADE_LENGTH, "CROSS_TRADE");
        define(BROKEN_TRADE, ItchTradeLayout.BROKEN_TRADE_LENGTH, "BROKEN_TRADE");
        define(NOII, ItchTradeLayout.NOII_LENGTH, "NOII");
        define(RPII, ItchTradeLayout.RPII_LENGTH, "RPII");
        define(DLCR_PRICE_DISCOVERY, ItchTradeLayout.DLCR_LENGTH, "DLCR_PRICE_DISCOVERY");
    }

    private ItchMessageType() {
    }

    private static void define(byte type, int length, String name) {
        LENGTHS[type & 0xFF] = length;
        NAMES[type & 0xFF] = name;
    }

    /** The spec length of a message of this type, type byte included, or -1 for an unknown type. */
    public static int length(byte type) {
        return LENGTHS[type & 0xFF];
    }

    /** Whether the type is one of the 23 ITCH 5.0 message types. */
    public static boolean isKnown(byte type) {
        return LENGTHS[type & 0xFF] > 0;
    }

    /** The constant's name, e.g. {@code "ADD_ORDER"}, or {@code "UNKNOWN"}. Never allocates. */
    public static String name(byte type) {
        return NAMES[type & 0xFF];
    }

    /** A copy of all known type bytes, in spec order. */
    public static byte[] all() {
        return ALL.clone();
    }
}
