package io.tickjournal.itch;

/**
 * Receives decoded ITCH 5.0 messages from an {@link ItchDispatcher}, one method per type; implement
 * only what you need. The decoder passed in is a flyweight reused for the next message of its
 * type: read what you need during the call, never keep the reference.
 */
public interface ItchListener {
    default void onSystemEvent(SystemEventDecoder m) {
    }

    default void onStockDirectory(StockDirectoryDecoder m) {
    }

    default void onStockTradingAction(StockTradingActionDecoder m) {
    }

    default void onRegShoRestriction(RegShoRestrictionDecoder m) {
    }

    default void onMarketParticipantPosition(MarketParticipantPositionDecoder m) {
    }

    default void onMwcbDeclineLevel(MwcbDeclineLevelDecoder m) {
    }

    default void onMwcbStatus(MwcbStatusDecoder m) {
    }

    default void onIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateDecoder m) {
    }

    default void onLuldAuctionCollar(LuldAuctionCollarDecoder m) {
    }

    default void onOperationalHalt(OperationalHaltDecoder m) {
    }

    /** A only; F arrives at {@link #onAddOrderMpid}. */
    default void onAddOrder(AddOrderDecoder m) {
    }

    default void onAddOrderMpid(AddOrderMpidDecoder m) {
    }

    default void onOrderExecuted(OrderExecutedDecoder m) {
    }

    default void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
    }

    default void onOrderCancel(OrderCancelDecoder m) {
    }

    default void onOrderDelete(OrderDeleteDecoder m) {
    }

    default void onOrderReplace(OrderReplaceDecoder m) {
    }

    default void onTrade(TradeDecoder m) {
    }

    default void onCrossTrade(CrossTradeDecoder m) {
    }

    default void onBrokenTrade(BrokenTradeDecoder m) {
    }

    default void onNoii(NoiiDecoder m) {
    }

    default void onRpii(RpiiDecoder m) {
    }

    default void onDlcrPriceDiscovery(DlcrPriceDiscoveryDecoder m) {
    }
}
