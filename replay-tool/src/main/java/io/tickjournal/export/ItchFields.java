package io.tickjournal.export;

import io.tickjournal.itch.ItchMessageType;

import java.util.ArrayList;
import java.util.List;

import static io.tickjournal.itch.ItchLayout.*;
import static io.tickjournal.itch.ItchOrderLayout.*;
import static io.tickjournal.itch.ItchTradeLayout.*;

/**
 * The named fields of every ITCH 5.0 message type after the 11-byte header, from the layout
 * constants ({@code ItchLayout}, {@code ItchOrderLayout}, {@code ItchTradeLayout}): the columns of
 * {@code tickjournal export --format csv}. Names are those of the Python reader
 * ({@code src/python/tickjournal/itch.py}), which is written from the spec independently.
 * Executed and cancelled shares (E, C, X) are {@code shares}; C's execution price and Q's cross
 * price are {@code price}.
 */
public final class ItchFields {
    /** How a field is printed: an unsigned big-endian integer, or ASCII text with trailing spaces trimmed. */
    public enum Kind { UNSIGNED, ALPHA }

    /** One field: {@code size} bytes at {@code offset} from the message type byte. */
    public record Field(String name, int offset, int size, Kind kind) {
    }

    private static final Field[][] FIELDS = new Field[256][];
    private static final String[] FILE_NAMES = new String[256];

    static {
        define('S', "system_event", a("event_code", SYSTEM_EVENT_EVENT_CODE_OFFSET, 1));
        define('R', "stock_directory", a("stock", STOCK_DIRECTORY_STOCK_OFFSET, 8),
                a("market_category", STOCK_DIRECTORY_MARKET_CATEGORY_OFFSET, 1),
                a("financial_status", STOCK_DIRECTORY_FINANCIAL_STATUS_INDICATOR_OFFSET, 1),
                u("round_lot_size", STOCK_DIRECTORY_ROUND_LOT_SIZE_OFFSET, 4),
                a("round_lots_only", STOCK_DIRECTORY_ROUND_LOTS_ONLY_OFFSET, 1),
                a("issue_classification", STOCK_DIRECTORY_ISSUE_CLASSIFICATION_OFFSET, 1),
                a("issue_sub_type", STOCK_DIRECTORY_ISSUE_SUB_TYPE_OFFSET, STOCK_DIRECTORY_ISSUE_SUB_TYPE_LENGTH),
                a("authenticity", STOCK_DIRECTORY_AUTHENTICITY_OFFSET, 1),
                a("short_sale_threshold", STOCK_DIRECTORY_SHORT_SALE_THRESHOLD_INDICATOR_OFFSET, 1),
                a("ipo_flag", STOCK_DIRECTORY_IPO_FLAG_OFFSET, 1),
                a("luld_reference_price_tier", STOCK_DIRECTORY_LULD_REFERENCE_PRICE_TIER_OFFSET, 1),
                a("etp_flag", STOCK_DIRECTORY_ETP_FLAG_OFFSET, 1),
                u("etp_leverage_factor", STOCK_DIRECTORY_ETP_LEVERAGE_FACTOR_OFFSET, 4),
                a("inverse_indicator", STOCK_DIRECTORY_INVERSE_INDICATOR_OFFSET, 1));
        define('H', "stock_trading_action", a("stock", STOCK_TRADING_ACTION_STOCK_OFFSET, 8),
                a("trading_state", STOCK_TRADING_ACTION_TRADING_STATE_OFFSET, 1),
                a("reserved", STOCK_TRADING_ACTION_RESERVED_OFFSET, 1),
                a("reason", STOCK_TRADING_ACTION_REASON_OFFSET, STOCK_TRADING_ACTION_REASON_LENGTH));
        define('Y', "reg_sho_restriction", a("stock", REG_SHO_RESTRICTION_STOCK_OFFSET, 8),
                a("reg_sho_action", REG_SHO_RESTRICTION_ACTION_OFFSET, 1));
        define('L', "market_participant_position", a("mpid", MARKET_PARTICIPANT_POSITION_MPID_OFFSET, MPID_LENGTH),
                a("stock", MARKET_PARTICIPANT_POSITION_STOCK_OFFSET, 8),
                a("primary_market_maker", MARKET_PARTICIPANT_POSITION_PRIMARY_MARKET_MAKER_OFFSET, 1),
                a("market_maker_mode", MARKET_PARTICIPANT_POSITION_MARKET_MAKER_MODE_OFFSET, 1),
                a("market_participant_state", MARKET_PARTICIPANT_POSITION_MARKET_PARTICIPANT_STATE_OFFSET, 1));
        define('V', "mwcb_decline_level", u("level1_price", MWCB_DECLINE_LEVEL_LEVEL1_OFFSET, 8),
                u("level2_price", MWCB_DECLINE_LEVEL_LEVEL2_OFFSET, 8),
                u("level3_price", MWCB_DECLINE_LEVEL_LEVEL3_OFFSET, 8));
        define('W', "mwcb_status", a("breached_level", MWCB_STATUS_BREACHED_LEVEL_OFFSET, 1));
        define('K', "ipo_quoting_period_update", a("stock", IPO_QUOTING_PERIOD_UPDATE_STOCK_OFFSET, 8),
                u("release_time", IPO_QUOTING_PERIOD_UPDATE_RELEASE_TIME_OFFSET, 4),
                a("release_qualifier", IPO_QUOTING_PERIOD_UPDATE_RELEASE_QUALIFIER_OFFSET, 1),
                u("ipo_price", IPO_QUOTING_PERIOD_UPDATE_IPO_PRICE_OFFSET, PRICE_LENGTH));
        define('J', "luld_auction_collar", a("stock", LULD_AUCTION_COLLAR_STOCK_OFFSET, 8),
                u("reference_price", LULD_AUCTION_COLLAR_REFERENCE_PRICE_OFFSET, PRICE_LENGTH),
                u("upper_price", LULD_AUCTION_COLLAR_UPPER_PRICE_OFFSET, PRICE_LENGTH),
                u("lower_price", LULD_AUCTION_COLLAR_LOWER_PRICE_OFFSET, PRICE_LENGTH),
                u("extension", LULD_AUCTION_COLLAR_EXTENSION_OFFSET, 4));
        define('h', "operational_halt", a("stock", OPERATIONAL_HALT_STOCK_OFFSET, 8),
                a("market_code", OPERATIONAL_HALT_MARKET_CODE_OFFSET, 1),
                a("action", OPERATIONAL_HALT_ACTION_OFFSET, 1));
        Field[] add = {u("order_ref", ADD_ORDER_REFERENCE_NUMBER_OFFSET, 8),
                a("side", ADD_ORDER_BUY_SELL_INDICATOR_OFFSET, 1), u("shares", ADD_ORDER_SHARES_OFFSET, 4),
                a("stock", ADD_ORDER_STOCK_OFFSET, 8), u("price", ADD_ORDER_PRICE_OFFSET, PRICE_LENGTH)};
        define('A', "add_order", add);
        define('F', "add_order_mpid", add[0], add[1], add[2], add[3], add[4],
                a("attribution", ADD_ORDER_MPID_ATTRIBUTION_OFFSET, ADD_ORDER_MPID_ATTRIBUTION_LENGTH));
        define('E', "order_executed", u("order_ref", ORDER_EXECUTED_REFERENCE_NUMBER_OFFSET, 8),
                u("shares", ORDER_EXECUTED_EXECUTED_SHARES_OFFSET, 4),
                u("match_number", ORDER_EXECUTED_MATCH_NUMBER_OFFSET, 8));
        define('C', "order_executed_with_price", u("order_ref", ORDER_EXECUTED_REFERENCE_NUMBER_OFFSET, 8),
                u("shares", ORDER_EXECUTED_EXECUTED_SHARES_OFFSET, 4),
                u("match_number", ORDER_EXECUTED_MATCH_NUMBER_OFFSET, 8),
                a("printable", ORDER_EXECUTED_WITH_PRICE_PRINTABLE_OFFSET, 1),
                u("price", ORDER_EXECUTED_WITH_PRICE_EXECUTION_PRICE_OFFSET, PRICE_LENGTH));
        define('X', "order_cancel", u("order_ref", ORDER_CANCEL_REFERENCE_NUMBER_OFFSET, 8),
                u("shares", ORDER_CANCEL_CANCELLED_SHARES_OFFSET, 4));
        define('D', "order_delete", u("order_ref", ORDER_DELETE_REFERENCE_NUMBER_OFFSET, 8));
        define('U', "order_replace", u("order_ref", ORDER_REPLACE_ORIGINAL_REFERENCE_NUMBER_OFFSET, 8),
                u("new_order_ref", ORDER_REPLACE_NEW_REFERENCE_NUMBER_OFFSET, 8),
                u("shares", ORDER_REPLACE_SHARES_OFFSET, 4),
                u("price", ORDER_REPLACE_PRICE_OFFSET, PRICE_LENGTH));
        define('P', "trade", u("order_ref", TRADE_REFERENCE_NUMBER_OFFSET, 8),
                a("side", TRADE_BUY_SELL_INDICATOR_OFFSET, 1), u("shares", TRADE_SHARES_OFFSET, 4),
                a("stock", TRADE_STOCK_OFFSET, 8), u("price", TRADE_PRICE_OFFSET, PRICE_LENGTH),
                u("match_number", TRADE_MATCH_NUMBER_OFFSET, 8));
        define('Q', "cross_trade", u("shares", CROSS_TRADE_SHARES_OFFSET, 8),
                a("stock", CROSS_TRADE_STOCK_OFFSET, 8), u("price", CROSS_TRADE_CROSS_PRICE_OFFSET, PRICE_LENGTH),
                u("match_number", CROSS_TRADE_MATCH_NUMBER_OFFSET, 8),
                a("cross_type", CROSS_TRADE_CROSS_TYPE_OFFSET, 1));
        define('B', "broken_trade", u("match_number", BROKEN_TRADE_MATCH_NUMBER_OFFSET, 8));
        define('I', "noii", u("paired_shares", NOII_PAIRED_SHARES_OFFSET, 8),
                u("imbalance_shares", NOII_IMBALANCE_SHARES_OFFSET, 8),
                a("imbalance_direction", NOII_IMBALANCE_DIRECTION_OFFSET, 1),
                a("stock", NOII_STOCK_OFFSET, 8), u("far_price", NOII_FAR_PRICE_OFFSET, PRICE_LENGTH),
                u("near_price", NOII_NEAR_PRICE_OFFSET, PRICE_LENGTH),
                u("current_reference_price", NOII_CURRENT_REFERENCE_PRICE_OFFSET, PRICE_LENGTH),
                a("cross_type", NOII_CROSS_TYPE_OFFSET, 1),
                a("price_variation_indicator", NOII_PRICE_VARIATION_INDICATOR_OFFSET, 1));
        define('N', "rpii", a("stock", RPII_STOCK_OFFSET, 8), a("interest_flag", RPII_INTEREST_FLAG_OFFSET, 1));
        define('O', "dlcr_price_discovery", a("stock", DLCR_STOCK_OFFSET, 8),
                a("open_eligibility_status", DLCR_OPEN_ELIGIBILITY_STATUS_OFFSET, 1),
                u("minimum_allowable_price", DLCR_MINIMUM_ALLOWABLE_PRICE_OFFSET, PRICE_LENGTH),
                u("maximum_allowable_price", DLCR_MAXIMUM_ALLOWABLE_PRICE_OFFSET, PRICE_LENGTH),
                u("near_execution_price", DLCR_NEAR_EXECUTION_PRICE_OFFSET, PRICE_LENGTH),
                u("near_execution_time", DLCR_NEAR_EXECUTION_TIME_OFFSET, 8),
                u("lower_price_range_collar", DLCR_LOWER_PRICE_RANGE_COLLAR_OFFSET, PRICE_LENGTH),
                u("upper_price_range_collar", DLCR_UPPER_PRICE_RANGE_COLLAR_OFFSET, PRICE_LENGTH));
        for (byte t : ItchMessageType.all()) {
            if (FIELDS[t & 0xFF] == null) {
                throw new ExceptionInInitializerError("no export fields for ITCH type " + (char) t);
            }
        }
    }

    private ItchFields() {
    }

    private static Field u(String name, int offset, int size) {
        return new Field(name, offset, size, Kind.UNSIGNED);
    }

    private static Field a(String name, int offset, int size) {
        return new Field(name, offset, size, Kind.ALPHA);
    }

    private static void define(char type, String fileName, Field... fields) {
        FIELDS[type] = fields;
        FILE_NAMES[type] = fileName;
    }

    /** The fields of a known type after the header, in message order. */
    public static List<Field> fields(byte type) {
        return List.of(FIELDS[type & 0xFF]);
    }

    /** The CSV file name (without ".csv") of a known type, e.g. "add_order" for A. */
    public static String fileName(byte type) {
        return FILE_NAMES[type & 0xFF];
    }

    /** The CSV header line of a type: the common columns, then its fields. */
    public static String csvHeader(byte type) {
        List<String> names = new ArrayList<>(List.of(CsvExporter.COMMON_COLUMNS));
        for (Field f : FIELDS[type & 0xFF]) {
            names.add(f.name());
        }
        return String.join(",", names);
    }
}
