"""ITCH 5.0 message layouts, from the NASDAQ TotalView-ITCH 5.0 specification.

Every message starts with an 11-byte header (type, stock locate, tracking number, 6-byte
timestamp in ns since midnight); offsets below are from the type byte, integers big-endian and
unsigned. Field kinds: ``u`` unsigned integer, ``p`` Price(4) (4 implied decimals), ``p8``
Price(8) (8 implied decimals, only in V), ``a`` Alpha (ASCII, space padded).

Field names are the column names of ``tickjournal export --format csv`` too. Executed and
cancelled shares (E, C, X) are called ``shares``; the execution price of C and the cross price
of Q are called ``price``.
"""

#: type letter -> (name, spec length, [(field, offset, size, kind), ...])
MESSAGES = {
    "S": ("system_event", 12, [("event_code", 11, 1, "a")]),
    "R": ("stock_directory", 39, [
        ("stock", 11, 8, "a"), ("market_category", 19, 1, "a"), ("financial_status", 20, 1, "a"),
        ("round_lot_size", 21, 4, "u"), ("round_lots_only", 25, 1, "a"),
        ("issue_classification", 26, 1, "a"), ("issue_sub_type", 27, 2, "a"),
        ("authenticity", 29, 1, "a"), ("short_sale_threshold", 30, 1, "a"), ("ipo_flag", 31, 1, "a"),
        ("luld_reference_price_tier", 32, 1, "a"), ("etp_flag", 33, 1, "a"),
        ("etp_leverage_factor", 34, 4, "u"), ("inverse_indicator", 38, 1, "a")]),
    "H": ("stock_trading_action", 25, [
        ("stock", 11, 8, "a"), ("trading_state", 19, 1, "a"), ("reserved", 20, 1, "a"),
        ("reason", 21, 4, "a")]),
    "Y": ("reg_sho_restriction", 20, [("stock", 11, 8, "a"), ("reg_sho_action", 19, 1, "a")]),
    "L": ("market_participant_position", 26, [
        ("mpid", 11, 4, "a"), ("stock", 15, 8, "a"), ("primary_market_maker", 23, 1, "a"),
        ("market_maker_mode", 24, 1, "a"), ("market_participant_state", 25, 1, "a")]),
    "V": ("mwcb_decline_level", 35, [
        ("level1_price", 11, 8, "p8"), ("level2_price", 19, 8, "p8"), ("level3_price", 27, 8, "p8")]),
    "W": ("mwcb_status", 12, [("breached_level", 11, 1, "a")]),
    "K": ("ipo_quoting_period_update", 28, [
        ("stock", 11, 8, "a"), ("release_time", 19, 4, "u"), ("release_qualifier", 23, 1, "a"),
        ("ipo_price", 24, 4, "p")]),
    "J": ("luld_auction_collar", 35, [
        ("stock", 11, 8, "a"), ("reference_price", 19, 4, "p"), ("upper_price", 23, 4, "p"),
        ("lower_price", 27, 4, "p"), ("extension", 31, 4, "u")]),
    "h": ("operational_halt", 21, [
        ("stock", 11, 8, "a"), ("market_code", 19, 1, "a"), ("action", 20, 1, "a")]),
    "A": ("add_order", 36, [
        ("order_ref", 11, 8, "u"), ("side", 19, 1, "a"), ("shares", 20, 4, "u"),
        ("stock", 24, 8, "a"), ("price", 32, 4, "p")]),
    "F": ("add_order_mpid", 40, [
        ("order_ref", 11, 8, "u"), ("side", 19, 1, "a"), ("shares", 20, 4, "u"),
        ("stock", 24, 8, "a"), ("price", 32, 4, "p"), ("attribution", 36, 4, "a")]),
    "E": ("order_executed", 31, [
        ("order_ref", 11, 8, "u"), ("shares", 19, 4, "u"), ("match_number", 23, 8, "u")]),
    "C": ("order_executed_with_price", 36, [
        ("order_ref", 11, 8, "u"), ("shares", 19, 4, "u"), ("match_number", 23, 8, "u"),
        ("printable", 31, 1, "a"), ("price", 32, 4, "p")]),
    "X": ("order_cancel", 23, [("order_ref", 11, 8, "u"), ("shares", 19, 4, "u")]),
    "D": ("order_delete", 19, [("order_ref", 11, 8, "u")]),
    "U": ("order_replace", 35, [
        ("order_ref", 11, 8, "u"), ("new_order_ref", 19, 8, "u"), ("shares", 27, 4, "u"),
        ("price", 31, 4, "p")]),
    "P": ("trade", 44, [
        ("order_ref", 11, 8, "u"), ("side", 19, 1, "a"), ("shares", 20, 4, "u"),
        ("stock", 24, 8, "a"), ("price", 32, 4, "p"), ("match_number", 36, 8, "u")]),
    "Q": ("cross_trade", 40, [
        ("shares", 11, 8, "u"), ("stock", 19, 8, "a"), ("price", 27, 4, "p"),
        ("match_number", 31, 8, "u"), ("cross_type", 39, 1, "a")]),
    "B": ("broken_trade", 19, [("match_number", 11, 8, "u")]),
    "I": ("noii", 50, [
        ("paired_shares", 11, 8, "u"), ("imbalance_shares", 19, 8, "u"),
        ("imbalance_direction", 27, 1, "a"), ("stock", 28, 8, "a"), ("far_price", 36, 4, "p"),
        ("near_price", 40, 4, "p"), ("current_reference_price", 44, 4, "p"),
        ("cross_type", 48, 1, "a"), ("price_variation_indicator", 49, 1, "a")]),
    "N": ("rpii", 20, [("stock", 11, 8, "a"), ("interest_flag", 19, 1, "a")]),
    "O": ("dlcr_price_discovery", 48, [
        ("stock", 11, 8, "a"), ("open_eligibility_status", 19, 1, "a"),
        ("minimum_allowable_price", 20, 4, "p"), ("maximum_allowable_price", 24, 4, "p"),
        ("near_execution_price", 28, 4, "p"), ("near_execution_time", 32, 8, "u"),
        ("lower_price_range_collar", 40, 4, "p"), ("upper_price_range_collar", 44, 4, "p")]),
}

#: Header fields every message has.
HEADER = [("locate", 1, 2, "u"), ("tracking", 3, 2, "u"), ("timestamp", 5, 6, "u")]

#: spec length by type byte value; -1 for unknown types
LENGTHS = [-1] * 256
for _t, (_name, _length, _fields) in MESSAGES.items():
    LENGTHS[ord(_t)] = _length

#: implied decimals of each price kind
PRICE_SCALE = {"p": 1e4, "p8": 1e8}
