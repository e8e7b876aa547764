package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

/**
 * Checks one ITCH 5.0 message (known type, exact spec length, bytes present), wraps the
 * preallocated decoder of its type and calls the listener. Bad input is reported by the return
 * code and never reaches the listener; nothing is thrown for bad input and nothing is allocated.
 * Not thread-safe: one dispatcher per thread.
 */
public final class ItchDispatcher {
    /** The message was dispatched. */
    public static final int OK = 0;
    /** The type byte is not an ITCH 5.0 message type. */
    public static final int UNKNOWN_TYPE = 1;
    /** The length is not the spec length of the type, or the bytes are not all in the buffer. */
    public static final int BAD_LENGTH = 2;

    private final ItchListener listener;
    private final SystemEventDecoder systemEvent = new SystemEventDecoder();
    private final StockDirectoryDecoder stockDirectory = new StockDirectoryDecoder();
    private final StockTradingActionDecoder stockTradingAction = new StockTradingActionDecoder();
    private final RegShoRestrictionDecoder regShoRestriction = new RegShoRestrictionDecoder();
    private final MarketParticipantPositionDecoder marketParticipantPosition = new MarketParticipantPositionDecoder();
    private final MwcbDeclineLevelDecoder mwcbDeclineLevel = new MwcbDeclineLevelDecoder();
    private final MwcbStatusDecoder mwcbStatus = new MwcbStatusDecoder();
    private final IpoQuotingPeriodUpdateDecoder ipoQuotingPeriodUpdate = new IpoQuotingPeriodUpdateDecoder();
    private final LuldAuctionCollarDecoder luldAuctionCollar = new LuldAuctionCollarDecoder();
    private final OperationalHaltDecoder operationalHalt = new OperationalHaltDecoder();
    private final AddOrderDecoder addOrder = new AddOrderDecoder();
    private final AddOrderMpidDecoder addOrderMpid = new AddOrderMpidDecoder();
    private final OrderExecutedDecoder orderExecuted = new OrderExecutedDecoder();
    private final OrderExecutedWithPriceDecoder orderExecutedWithPrice = new OrderExecutedWithPriceDecoder();
    private final OrderCancelDecoder orderCancel = new OrderCancelDecoder();
    private final OrderDeleteDecoder orderDelete = new OrderDeleteDecoder();
    private final OrderReplaceDecoder orderReplace = new OrderReplaceDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final CrossTradeDecoder crossTrade = new CrossTradeDecoder();
    private final BrokenTradeDecoder brokenTrade = new BrokenTradeDecoder();
    private final NoiiDecoder noii = new NoiiDecoder();
    private final RpiiDecoder rpii = new RpiiDecoder();
    private final DlcrPriceDiscoveryDecoder dlcrPriceDiscovery = new DlcrPriceDiscoveryDecoder();

    /** A dispatcher calling {@code listener}, with one preallocated decoder per type. */
    public ItchDispatcher(ItchListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null");
        }
        this.listener = listener;
    }

    /**
     * Dispatches the message of {@code length} bytes whose type byte is at absolute
     * {@code offset} in {@code buffer}: {@link #validate} then {@link #dispatchValidated}.
     *
     * @return {@link #OK}, {@link #UNKNOWN_TYPE} or {@link #BAD_LENGTH}
     */
    public int dispatch(RandomDataInput buffer, long offset, int length) {
        int status = validate(buffer, offset, length);
        if (status == OK) {
            dispatchValidated(buffer, offset);
        }
        return status;
    }

    /**
     * Checks a message without dispatching it, for callers that act between the check and the
     * dispatch (the engine advances its bar window to each valid message's timestamp).
     *
     * @return {@link #OK}, {@link #UNKNOWN_TYPE} or {@link #BAD_LENGTH} (also when
     *     {@code length < 1} or the message would run past {@code buffer.readLimit()})
     */
    public static int validate(RandomDataInput buffer, long offset, int length) {
        if (length < 1 || offset < buffer.start() || offset + length > buffer.readLimit()) {
            return BAD_LENGTH;
        }
        int expected = ItchMessageType.length(buffer.readByte(offset));
        if (expected < 0) {
            return UNKNOWN_TYPE;
        }
        return length == expected ? OK : BAD_LENGTH;
    }

    /** Wraps the decoder of the message's type and calls the listener; {@link #validate} must have said OK. */
    public void dispatchValidated(RandomDataInput buffer, long offset) {
        byte type = buffer.readByte(offset);
        switch (type) {
            case ItchMessageType.SYSTEM_EVENT:
                listener.onSystemEvent(systemEvent.wrap(buffer, offset));
                break;
            case ItchMessageType.STOCK_DIRECTORY:
                listener.onStockDirectory(stockDirectory.wrap(buffer, offset));
                break;
            case ItchMessageType.STOCK_TRADING_ACTION:
                listener.onStockTradingAction(stockTradingAction.wrap(buffer, offset));
                break;
            case ItchMessageType.REG_SHO_RESTRICTION:
                listener.onRegShoRestriction(regShoRestriction.wrap(buffer, offset));
                break;
            case ItchMessageType.MARKET_PARTICIPANT_POSITION:
                listener.onMarketParticipantPosition(marketParticipantPosition.wrap(buffer, offset));
                break;
            case ItchMessageType.MWCB_DECLINE_LEVEL:
                listener.onMwcbDeclineLevel(mwcbDeclineLevel.wrap(buffer, offset));
                break;
            case ItchMessageType.MWCB_STATUS:
                listener.onMwcbStatus(mwcbStatus.wrap(buffer, offset));
                break;
            case ItchMessageType.IPO_QUOTING_PERIOD_UPDATE:
                listener.onIpoQuotingPeriodUpdate(ipoQuotingPeriodUpdate.wrap(buffer, offset));
                break;
            case ItchMessageType.LULD_AUCTION_COLLAR:
                listener.onLuldAuctionCollar(luldAuctionCollar.wrap(buffer, offset));
                break;
            case ItchMessageType.OPERATIONAL_HALT:
                listener.onOperationalHalt(operationalHalt.wrap(buffer, offset));
                break;
            case ItchMessageType.ADD_ORDER:
                listener.onAddOrder(addOrder.wrap(buffer, offset));
                break;
            case ItchMessageType.ADD_ORDER_MPID:
                listener.onAddOrderMpid(addOrderMpid.wrap(buffer, offset));
                break;
            case ItchMessageType.ORDER_EXECUTED:
                listener.onOrderExecuted(orderExecuted.wrap(buffer, offset));
                break;
            case ItchMessageType.ORDER_EXECUTED_WITH_PRICE:
                listener.onOrderExecutedWithPrice(orderExecutedWithPrice.wrap(buffer, offset));
                break;
            case ItchMessageType.ORDER_CANCEL:
                listener.onOrderCancel(orderCancel.wrap(buffer, offset));
                break;
            case ItchMessageType.ORDER_DELETE:
                listener.onOrderDelete(orderDelete.wrap(buffer, offset));
                break;
            case ItchMessageType.ORDER_REPLACE:
                listener.onOrderReplace(orderReplace.wrap(buffer, offset));
                break;
            case ItchMessageType.TRADE:
                listener.onTrade(trade.wrap(buffer, offset));
                break;
            case ItchMessageType.CROSS_TRADE:
                listener.onCrossTrade(crossTrade.wrap(buffer, offset));
                break;
            case ItchMessageType.BROKEN_TRADE:
                listener.onBrokenTrade(brokenTrade.wrap(buffer, offset));
                break;
            case ItchMessageType.NOII:
                listener.onNoii(noii.wrap(buffer, offset));
                break;
            case ItchMessageType.RPII:
                listener.onRpii(rpii.wrap(buffer, offset));
                break;
            case ItchMessageType.DLCR_PRICE_DISCOVERY:
                listener.onDlcrPriceDiscovery(dlcrPriceDiscovery.wrap(buffer, offset));
                break;
            default:
                break; // unreachable after validate(): every type with a length has a case
        }
    }
}
