package io.tickjournal.itch;

import java.util.List;

/**
 * The ITCH 5.0 schema as one table: every message type with its spec length and each field's name,
 * offset (from the type byte), length and kind, from the NASDAQ TotalView-ITCH 5.0 specification.
 * Every other spelling of the layouts (the {@code Itch*Layout} constants, the decoders,
 * {@link ItchEncoder}, {@link ItchMessageType}, the export's {@code ItchFields} and the Python
 * reader's {@code itch.py}) is checked against this table field by field by
 * {@code ItchSchemaCrossCheckTest}. Field names are the export's CSV column names (and the Python
 * reader's): executed and cancelled shares are {@code shares}, C's execution price and Q's cross
 * price {@code price}. Immutable; not used on the hot path.
 */
public final class ItchSchema {
    /** How a field's bytes are read. Integers are big-endian and unsigned. */
    public enum Kind {
        /** An unsigned integer. */
        UNSIGNED("u"),
        /** Price(4): unsigned, 4 implied decimals. */
        PRICE4("p"),
        /** Price(8): unsigned, 8 implied decimals (only in V). */
        PRICE8("p8"),
        /** Alpha: ASCII, left-justified and padded with spaces on the right. */
        ALPHA("a");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The short code the Python reader uses: {@code u}, {@code p}, {@code p8} or {@code a}. */
        public String code() {
            return code;
        }
    }

    /** One field: {@code length} bytes at {@code offset} from the message type byte. */
    public record Field(String name, int offset, int length, Kind kind) {
    }

    /** One message type: its type byte, snake_case name, spec length (type byte included) and body fields. */
    public record Message(byte type, String name, int length, List<Field> fields) {
    }

    /** The 11-byte header every message starts with, after the type byte at offset 0. */
    public static final List<Field> HEADER = List.of(
            u("locate", 1, 2), u("tracking", 3, 2), u("timestamp", 5, 6));

    private static final List<Field> ADD_ORDER = List.of(
            u("order_ref", 11, 8), a("side", 19, 1), u("shares", 20, 4), a("stock", 24, 8), p("price", 32));
    private static final List<Field> ORDER_EXECUTED = List.of(
            u("order_ref", 11, 8), u("shares", 19, 4), u("match_number", 23, 8));

    /** Every ITCH 5.0 message type, in the specification's order. */
    public static final List<Message> MESSAGES = List.of(
            m('S', "system_event", 12, a("event_code", 11, 1)),
            m('R', "stock_directory", 39, a("stock", 11, 8), a("market_category", 19, 1),
                    a("financial_status", 20, 1), u("round_lot_size", 21, 4), a("round_lots_only", 25, 1),
                    a("issue_classification", 26, 1), a("issue_sub_type", 27, 2), a("authenticity", 29, 1),
                    a("short_sale_threshold", 30, 1), a("ipo_flag", 31, 1), a("luld_reference_price_tier", 32, 1),
                    a("etp_flag", 33, 1), u("etp_leverage_factor", 34, 4), a("inverse_indicator", 38, 1)),
            m('H', "stock_trading_action", 25, a("stock", 11, 8), a("trading_state", 19, 1), a("reserved", 20, 1),
                    a("reason", 21, 4)),
            m('Y', "reg_sho_restriction", 20, a("stock", 11, 8), a("reg_sho_action", 19, 1)),
            m('L', "market_participant_position", 26, a("mpid", 11, 4), a("stock", 15, 8),
                    a("primary_market_maker", 23, 1), a("market_maker_mode", 24, 1),
                    a("market_participant_state", 25, 1)),
            m('V', "mwcb_decline_level", 35, p8("level1_price", 11), p8("level2_price", 19), p8("level3_price", 27)),
            m('W', "mwcb_status", 12, a("breached_level", 11, 1)),
            m('K', "ipo_quoting_period_update", 28, a("stock", 11, 8), u("release_time", 19, 4),
                    a("release_qualifier", 23, 1), p("ipo_price", 24)),
            m('J', "luld_auction_collar", 35, a("stock", 11, 8), p("reference_price", 19), p("upper_price", 23),
                    p("lower_price", 27), u("extension", 31, 4)),
            m('h', "operational_halt", 21, a("stock", 11, 8), a("market_code", 19, 1), a("action", 20, 1)),
            new Message((byte) 'A', "add_order", 36, ADD_ORDER),
            new Message((byte) 'F', "add_order_mpid", 40, plus(ADD_ORDER, a("attribution", 36, 4))),
            new Message((byte) 'E', "order_executed", 31, ORDER_EXECUTED),
            new Message((byte) 'C', "order_executed_with_price", 36,
                    plus(ORDER_EXECUTED, a("printable", 31, 1), p("price", 32))),
            m('X', "order_cancel", 23, u("order_ref", 11, 8), u("shares", 19, 4)),
            m('D', "order_delete", 19, u("order_ref", 11, 8)),
            m('U', "order_replace", 35, u("order_ref", 11, 8), u("new_order_ref", 19, 8), u("shares", 27, 4),
                    p("price", 31)),
            m('P', "trade", 44, u("order_ref", 11, 8), a("side", 19, 1), u("shares", 20, 4), a("stock", 24, 8),
                    p("price", 32), u("match_number", 36, 8)),
            m('Q', "cross_trade", 40, u("shares", 11, 8), a("stock", 19, 8), p("price", 27), u("match_number", 31, 8),
                    a("cross_type", 39, 1)),
            m('B', "broken_trade", 19, u("match_number", 11, 8)),
            m('I', "noii", 50, u("paired_shares", 11, 8), u("imbalance_shares", 19, 8),
                    a("imbalance_direction", 27, 1), a("stock", 28, 8), p("far_price", 36), p("near_price", 40),
                    p("current_reference_price", 44), a("cross_type", 48, 1), a("price_variation_indicator", 49, 1)),
            m('N', "rpii", 20, a("stock", 11, 8), a("interest_flag", 19, 1)),
            m('O', "dlcr_price_discovery", 48, a("stock", 11, 8), a("open_eligibility_status", 19, 1),
                    p("minimum_allowable_price", 20), p("maximum_allowable_price", 24), p("near_execution_price", 28),
                    u("near_execution_time", 32, 8), p("lower_price_range_collar", 40),
                    p("upper_price_range_collar", 44)));

    private ItchSchema() {
    }

    /** The message of a type byte, or null for a byte that is not an ITCH 5.0 type. */
    public static Message message(byte type) {
        for (Message m : MESSAGES) {
            if (m.type() == type) {
                return m;
            }
        }
        return null;
    }

    private static Message m(char type, String name, int length, Field... fields) {
        return new Message((byte) type, name, length, List.of(fields));
    }

    private static List<Field> plus(List<Field> first, Field... more) {
        Field[] all = first.toArray(new Field[first.size() + more.length]);
        System.arraycopy(more, 0, all, first.size(), more.length);
        return List.of(all);
    }

    private static Field u(String name, int offset, int length) {
        return new Field(name, offset, length, Kind.UNSIGNED);
    }

    private static Field a(String name, int offset, int length) {
        return new Field(name, offset, length, Kind.ALPHA);
    }

    private static Field p(String name, int offset) {
        return new Field(name, offset, 4, Kind.PRICE4);
    }

    private static Field p8(String name, int offset) {
        return new Field(name, offset, 8, Kind.PRICE8);
    }
}
