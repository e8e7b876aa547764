package io.tickjournal.itch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One Java record per ITCH 5.0 message type, holding every field as a value: encodable with
 * {@link ItchEncoder} and recorded from the decoders by {@link Recorder}, so a round trip is one
 * {@code assertEquals} on two lists. Alpha fields longer than one byte are trimmed strings.
 */
public final class ItchRecords {
    private ItchRecords() {
    }

    /** A message value that can write itself with {@link ItchEncoder}. */
    public interface Msg {
        int locate();

        int tracking();

        long ts();

        int encode(ByteBuffer b);
    }

    public record SystemEvent(int locate, int tracking, long ts, byte eventCode) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.systemEvent(b, locate, tracking, ts, eventCode);
        }
    }

    public record StockDirectory(int locate, int tracking, long ts, String stock, byte marketCategory,
                                 byte financialStatusIndicator, long roundLotSize, byte roundLotsOnly,
                                 byte issueClassification, String issueSubType, byte authenticity,
                                 byte shortSaleThresholdIndicator, byte ipoFlag, byte luldReferencePriceTier,
                                 byte etpFlag, long etpLeverageFactor, byte inverseIndicator) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.stockDirectory(b, locate, tracking, ts, stock, marketCategory, financialStatusIndicator,
                roundLotSize, roundLotsOnly, issueClassification, issueSubType, authenticity,
                shortSaleThresholdIndicator, ipoFlag, luldReferencePriceTier, etpFlag, etpLeverageFactor,
                inverseIndicator);
        }
    }

    public record StockTradingAction(int locate, int tracking, long ts, String stock, byte tradingState,
                                     byte reserved, String reason) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.stockTradingAction(b, locate, tracking, ts, stock, tradingState, reserved, reason);
        }
    }

    public record RegShoRestriction(int locate, int tracking, long ts, String stock, byte action) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.regShoRestriction(b, locate, tracking, ts, stock, action);
        }
    }

    public record MarketParticipantPosition(int locate, int tracking, long ts, String mpid, String stock,
                                            byte primaryMarketMaker, byte marketMakerMode,
                                            byte marketParticipantState) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.marketParticipantPosition(b, locate, tracking, ts, mpid, stock, primaryMarketMaker,
                marketMakerMode, marketParticipantState);
        }
    }

    public record MwcbDeclineLevel(int locate, int tracking, long ts, long level1, long level2, long level3)
        implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.mwcbDeclineLevel(b, locate, tracking, ts, level1, level2, level3);
        }
    }

    public record MwcbStatus(int locate, int tracking, long ts, byte breachedLevel) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.mwcbStatus(b, locate, tracking, ts, breachedLevel);
        }
    }

    public record IpoQuotingPeriodUpdate(int locate, int tracking, long ts, String stock, long releaseTime,
                                         byte releaseQualifier, long ipoPrice) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.ipoQuotingPeriodUpdate(b, locate, tracking, ts, stock, releaseTime, releaseQualifier,
                ipoPrice);
        }
    }

    public record LuldAuctionCollar(int locate, int tracking, long ts, String stock, long referencePrice,
                                    long upperPrice, long lowerPrice, long extension) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.luldAuctionCollar(b, locate, tracking, ts, stock, referencePrice, upperPrice,
                lowerPrice, extension);
        }
    }

    public record OperationalHalt(int locate, int tracking, long ts, String stock, byte marketCode, byte action)
        implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.operationalHalt(b, locate, tracking, ts, stock, marketCode, action);
        }
    }

    public record AddOrder(int locate, int tracking, long ts, long ref, byte side, long shares, String stock,
                           long price) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.addOrder(b, locate, tracking, ts, ref, side, shares, stock, price);
        }
    }

    public record AddOrderMpid(int locate, int tracking, long ts, long ref, byte side, long shares, String stock,
                               long price, String attribution) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.addOrderMpid(b, locate, tracking, ts, ref, side, shares, stock, price, attribution);
        }
    }

    public record OrderExecuted(int locate, int tracking, long ts, long ref, long shares, long match)
        implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.orderExecuted(b, locate, tracking, ts, ref, shares, match);
        }
    }

    public record OrderExecutedWithPrice(int locate, int tracking, long ts, long ref, long shares, long match,
                                         byte printable, long price) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.orderExecutedWithPrice(b, locate, tracking, ts, ref, shares, match, printable, price);
        }
    }

    public record OrderCancel(int locate, int tracking, long ts, long ref, long shares) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.orderCancel(b, locate, tracking, ts, ref, shares);
        }
    }

    public record OrderDelete(int locate, int tracking, long ts, long ref) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.orderDelete(b, locate, tracking, ts, ref);
        }
    }

    public record OrderReplace(int locate, int tracking, long ts, long originalRef, long newRef, long shares,
                               long price) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.orderReplace(b, locate, tracking, ts, originalRef, newRef, shares, price);
        }
    }

    public record Trade(int locate, int tracking, long ts, long ref, byte side, long shares, String stock,
                        long price, long match) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.trade(b, locate, tracking, ts, ref, side, shares, stock, price, match);
        }
    }

    public record CrossTrade(int locate, int tracking, long ts, long shares, String stock, long crossPrice,
                             long match, byte crossType) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.crossTrade(b, locate, tracking, ts, shares, stock, crossPrice, match, crossType);
        }
    }

    public record BrokenTrade(int locate, int tracking, long ts, long match) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.brokenTrade(b, locate, tracking, ts, match);
        }
    }

    public record Noii(int locate, int tracking, long ts, long pairedShares, long imbalanceShares,
                       byte imbalanceDirection, String stock, long farPrice, long nearPrice,
                       long currentReferencePrice, byte crossType, byte priceVariationIndicator) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.noii(b, locate, tracking, ts, pairedShares, imbalanceShares, imbalanceDirection, stock,
                farPrice, nearPrice, currentReferencePrice, crossType, priceVariationIndicator);
        }
    }

    public record Rpii(int locate, int tracking, long ts, String stock, byte interestFlag) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.rpii(b, locate, tracking, ts, stock, interestFlag);
        }
    }

    public record DlcrPriceDiscovery(int locate, int tracking, long ts, String stock, byte openEligibilityStatus,
                                     long minimumAllowablePrice, long maximumAllowablePrice,
                                     long nearExecutionPrice, long nearExecutionTime, long lowerPriceRangeCollar,
                                     long upperPriceRangeCollar) implements Msg {
        public int encode(ByteBuffer b) {
            return ItchEncoder.dlcrPriceDiscovery(b, locate, tracking, ts, stock, openEligibilityStatus,
                minimumAllowablePrice, maximumAllowablePrice, nearExecutionPrice, nearExecutionTime,
                lowerPriceRangeCollar, upperPriceRangeCollar);
        }
    }

    /** Records every decoded message as one of the records above, in arrival order. */
    public static final class Recorder implements ItchListener {
        public final List<Msg> messages = new ArrayList<>();

        @Override
        public void onSystemEvent(SystemEventDecoder m) {
            messages.add(new SystemEvent(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.eventCode()));
        }

        @Override
        public void onStockDirectory(StockDirectoryDecoder m) {
            messages.add(new StockDirectory(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.marketCategory(), m.financialStatusIndicator(), m.roundLotSize(), m.roundLotsOnly(),
                m.issueClassification(), m.issueSubTypeAsString(), m.authenticity(), m.shortSaleThresholdIndicator(),
                m.ipoFlag(), m.luldReferencePriceTier(), m.etpFlag(), m.etpLeverageFactor(), m.inverseIndicator()));
        }

        @Override
        public void onStockTradingAction(StockTradingActionDecoder m) {
            messages.add(new StockTradingAction(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.tradingState(), m.reserved(), m.reasonAsString()));
        }

        @Override
        public void onRegShoRestriction(RegShoRestrictionDecoder m) {
            messages.add(new RegShoRestriction(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.regShoAction()));
        }

        @Override
        public void onMarketParticipantPosition(MarketParticipantPositionDecoder m) {
            messages.add(new MarketParticipantPosition(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.mpidAsString(), m.stockAsString(), m.primaryMarketMaker(), m.marketMakerMode(),
                m.marketParticipantState()));
        }

        @Override
        public void onMwcbDeclineLevel(MwcbDeclineLevelDecoder m) {
            messages.add(new MwcbDeclineLevel(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.level1(),
                m.level2(), m.level3()));
        }

        @Override
        public void onMwcbStatus(MwcbStatusDecoder m) {
            messages.add(new MwcbStatus(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.breachedLevel()));
        }

        @Override
        public void onIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateDecoder m) {
            messages.add(new IpoQuotingPeriodUpdate(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.stockAsString(), m.ipoQuotationReleaseTime(), m.ipoQuotationReleaseQualifier(), m.ipoPrice()));
        }

        @Override
        public void onLuldAuctionCollar(LuldAuctionCollarDecoder m) {
            messages.add(new LuldAuctionCollar(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.auctionCollarReferencePrice(), m.upperAuctionCollarPrice(), m.lowerAuctionCollarPrice(),
                m.auctionCollarExtension()));
        }

        @Override
        public void onOperationalHalt(OperationalHaltDecoder m) {
            messages.add(new OperationalHalt(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.marketCode(), m.operationalHaltAction()));
        }

        @Override
        public void onAddOrder(AddOrderDecoder m) {
            messages.add(new AddOrder(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.orderReferenceNumber(),
                m.buySellIndicator(), m.shares(), m.stockAsString(), m.price()));
        }

        @Override
        public void onAddOrderMpid(AddOrderMpidDecoder m) {
            messages.add(new AddOrderMpid(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.orderReferenceNumber(), m.buySellIndicator(), m.shares(), m.stockAsString(), m.price(),
                m.attributionAsString()));
        }

        @Override
        public void onOrderExecuted(OrderExecutedDecoder m) {
            messages.add(new OrderExecuted(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.orderReferenceNumber(), m.executedShares(), m.matchNumber()));
        }

        @Override
        public void onOrderExecutedWithPrice(OrderExecutedWithPriceDecoder m) {
            messages.add(new OrderExecutedWithPrice(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.orderReferenceNumber(), m.executedShares(), m.matchNumber(), m.printable(), m.executionPrice()));
        }

        @Override
        public void onOrderCancel(OrderCancelDecoder m) {
            messages.add(new OrderCancel(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.orderReferenceNumber(),
                m.cancelledShares()));
        }

        @Override
        public void onOrderDelete(OrderDeleteDecoder m) {
            messages.add(new OrderDelete(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.orderReferenceNumber()));
        }

        @Override
        public void onOrderReplace(OrderReplaceDecoder m) {
            messages.add(new OrderReplace(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.originalOrderReferenceNumber(), m.newOrderReferenceNumber(), m.shares(), m.price()));
        }

        @Override
        public void onTrade(TradeDecoder m) {
            messages.add(new Trade(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.orderReferenceNumber(),
                m.buySellIndicator(), m.shares(), m.stockAsString(), m.price(), m.matchNumber()));
        }

        @Override
        public void onCrossTrade(CrossTradeDecoder m) {
            messages.add(new CrossTrade(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.shares(),
                m.stockAsString(), m.crossPrice(), m.matchNumber(), m.crossType()));
        }

        @Override
        public void onBrokenTrade(BrokenTradeDecoder m) {
            messages.add(new BrokenTrade(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.matchNumber()));
        }

        @Override
        public void onNoii(NoiiDecoder m) {
            messages.add(new Noii(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.pairedShares(),
                m.imbalanceShares(), m.imbalanceDirection(), m.stockAsString(), m.farPrice(), m.nearPrice(),
                m.currentReferencePrice(), m.crossType(), m.priceVariationIndicator()));
        }

        @Override
        public void onRpii(RpiiDecoder m) {
            messages.add(new Rpii(m.stockLocate(), m.trackingNumber(), m.timestamp(), m.stockAsString(),
                m.interestFlag()));
        }

        @Override
        public void onDlcrPriceDiscovery(DlcrPriceDiscoveryDecoder m) {
            messages.add(new DlcrPriceDiscovery(m.stockLocate(), m.trackingNumber(), m.timestamp(),
                m.stockAsString(), m.openEligibilityStatus(), m.minimumAllowablePrice(), m.maximumAllowablePrice(),
                m.nearExecutionPrice(), m.nearExecutionTime(), m.lowerPriceRangeCollar(),
                m.upperPriceRangeCollar()));
        }
    }
}
