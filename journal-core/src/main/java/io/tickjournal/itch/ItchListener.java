package io.tickjournal.itch;

/**
 * Receives decoded ITCH 5.0 messages from an {@link ItchDispatcher}, one method per type; implement
 * only what you need. The decoder passed in is a flyweight reused for the next message of its
 * type: read what you need during the call, never keep the reference.
 */
public interface ItchListener {
    /** Called with each message {@link SystemEventDecoder} reads; {@code m} is valid in the call only. */
    default void onSystemEvent(SystemEventDecoder m) {
    }

    /** Called with each message {@link StockDirectoryDecoder} reads; {@code m} is valid in the call only. */
    default void onStockDirectory(StockDirectoryDecoder m) {
    }

    /** Called with each message {@link StockTradingActionDecoder} reads; {@code m} is valid in the call only. */
    default void onStockTradingAction(StockTradingActionDecoder m) {
    }

    /** Called with each message {@link RegShoRestrictionDecoder} reads; {@code m} is valid in the call only. */
    default void onRegShoRestriction(RegShoRestrictionDecoder m) {
    }

    /** Called with each message {@link MarketParticipantPositionDecoder} reads; {@code m} is valid in the call only. */
    default void onMarketParticipantPosition(MarketParticipantPositionDecoder m) {
    }

    /** Called with each message {@link MwcbDeclineLevelDecoder} reads; {@code m} is valid in the call only. */
    default void onMwcbDeclineLevel(MwcbDeclineLevelDecoder m) {
    }

    /** Called with each message {@link MwcbStatusDecoder} reads; {@code m} is valid in the call only. */
    default void onMwcbStatus(MwcbStatusDecoder m) {
    }

    /** Called with each message {@link IpoQuotingPeriodUpdateDecoder} reads; {@code m} is valid in the call only. */
    default void onIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateDecoder m) {
    }

    /** Called with each message {@link LuldAuctionCollarDecoder} reads; {@code m} is valid in the call only. */
    default void onLuldAuctionCollar(LuldAuctionCollarDecoder m) {
    }

    /** Called with each message {@link OperationalHaltDecoder} reads; {@code m} is valid in the call only. */
    default void onOperationalHalt(OperationalHaltDecoder m) {
    }

    /** A only; F arrives at {@link #onAddOrderMpid}. */
    default void onAddOrder(AddOrderDecoder m) {
    }

    /** Called with each message {@link AddOrderMpidDecoder} reads; {@code m} is valid in the call only. */
    default void onAddOrderMpid(AddOrderMpidDecoder m) {
    }

    /** Called with each message {@link OrderExecutedDecoder} reads; {@code m} is valid in the call only. */
    default void onOrderExecuted(OrderExecutedDecoder m) {
    }

    /** Called with each message {@link OrderExecutedWithPriceDecoder} reads; {@code m} is valid in the call only. */
    default void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
    }

    /** Called with each message {@link OrderCancelDecoder} reads; {@code m} is valid in the call only. */
    default void onOrderCancel(OrderCancelDecoder m) {
    }

    /** Called with each message {@link OrderDeleteDecoder} reads; {@code m} is valid in the call only. */
    default void onOrderDelete(OrderDeleteDecoder m) {
    }

    /** Called with each message {@link OrderReplaceDecoder} reads; {@code m} is valid in the call only. */
    default void onOrderReplace(OrderReplaceDecoder m) {
    }

    /** Called with each message {@link TradeDecoder} reads; {@code m} is valid in the call only. */
    default void onTrade(TradeDecoder m) {
    }

    /** Called with each message {@link CrossTradeDecoder} reads; {@code m} is valid in the call only. */
    default void onCrossTrade(CrossTradeDecoder m) {
    }

    /** Called with each message {@link BrokenTradeDecoder} reads; {@code m} is valid in the call only. */
    default void onBrokenTrade(BrokenTradeDecoder m) {
    }

    /** Called with each message {@link NoiiDecoder} reads; {@code m} is valid in the call only. */
    default void onNoii(NoiiDecoder m) {
    }

    /** Called with each message {@link RpiiDecoder} reads; {@code m} is valid in the call only. */
    default void onRpii(RpiiDecoder m) {
    }

    /** Called with each message {@link DlcrPriceDiscoveryDecoder} reads; {@code m} is valid in the call only. */
    default void onDlcrPriceDiscovery(DlcrPriceDiscoveryDecoder m) {
    }
}
