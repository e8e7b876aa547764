package io.tickjournal.itch;

/**
 * Byte layout of the ITCH 5.0 order messages (A, F, E, C, X, D, U). Offsets are from the message
 * type byte, after the 11-byte header of {@link ItchLayout}; every integer is big-endian and
 * unsigned; prices are Price(4).
 *
 * <pre>
 * A Add Order (36):                 11 Order Ref(8) 19 Buy/Sell(1) 20 Shares(4) 24 Stock(8)
 *                                   32 Price(4)
 * F Add Order with MPID (40):       as A, then 36 Attribution(4)
 * E Order Executed (31):            11 Order Ref(8) 19 Executed Shares(4) 23 Match Number(8)
 * C Order Executed w/ Price (36):   11 Order Ref(8) 19 Executed Shares(4) 23 Match Number(8)
 *                                   31 Printable(1) 32 Execution Price(4)
 * X Order Cancel (23):              11 Order Ref(8) 19 Cancelled Shares(4)
 * D Order Delete (19):              11 Order Ref(8)
 * U Order Replace (35):             11 Original Order Ref(8) 19 New Order Ref(8) 27 Shares(4)
 *                                   31 Price(4)
 *
 *   0      11                  19     20           24                  32          36          40
 *   +------+-------------------+------+------------+-------------------+-----------+-----------+
 *   |header| Order Reference   | B/S  | Shares     | Stock             | Price     |Attribution| F
 *   +------+-------------------+------+------------+-------------------+-----------+-----------+
 * </pre>
 */
public final class ItchOrderLayout {
    public static final int ADD_ORDER_REFERENCE_NUMBER_OFFSET = 11;
    public static final int ADD_ORDER_BUY_SELL_INDICATOR_OFFSET = 19;
    public static final int ADD_ORDER_SHARES_OFFSET = 20;
    public static final int ADD_ORDER_STOCK_OFFSET = 24;
    public static final int ADD_ORDER_PRICE_OFFSET = 32;
    public static final int ADD_ORDER_LENGTH = 36;

    public static final int ADD_ORDER_MPID_ATTRIBUTION_OFFSET = 36;
    public static final int ADD_ORDER_MPID_ATTRIBUTION_LENGTH = 4;
    public static final int ADD_ORDER_MPID_LENGTH = 40;

    public static final int ORDER_EXECUTED_REFERENCE_NUMBER_OFFSET = 11;
    public static final int ORDER_EXECUTED_EXECUTED_SHARES_OFFSET = 19;
    public static final int ORDER_EXECUTED_MATCH_NUMBER_OFFSET = 23;
    public static final int ORDER_EXECUTED_LENGTH = 31;

    public static final int ORDER_EXECUTED_WITH_PRICE_PRINTABLE_OFFSET = 31;
    public static final int ORDER_EXECUTED_WITH_PRICE_EXECUTION_PRICE_OFFSET = 32;
    public static final int ORDER_EXECUTED_WITH_PRICE_LENGTH = 36;

    public static final int ORDER_CANCEL_REFERENCE_NUMBER_OFFSET = 11;
    public static final int ORDER_CANCEL_CANCELLED_SHARES_OFFSET = 19;
    public static final int ORDER_CANCEL_LENGTH = 23;

    public static final int ORDER_DELETE_REFERENCE_NUMBER_OFFSET = 11;
    public static final int ORDER_DELETE_LENGTH = 19;

    public static final int ORDER_REPLACE_ORIGINAL_REFERENCE_NUMBER_OFFSET = 11;
    public static final int ORDER_REPLACE_NEW_REFERENCE_NUMBER_OFFSET = 19;
    public static final int ORDER_REPLACE_SHARES_OFFSET = 27;
    public static final int ORDER_REPLACE_PRICE_OFFSET = 31;
    public static final int ORDER_REPLACE_LENGTH = 35;

    private ItchOrderLayout() {
    }
}
