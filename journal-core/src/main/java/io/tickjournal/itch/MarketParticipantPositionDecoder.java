package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** L Market Participant Position (26 bytes). */
public final class MarketParticipantPositionDecoder extends ItchMessageDecoder {
    @Override
    public MarketParticipantPositionDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 4 raw bytes of the Alpha(4) MPID, big-endian. */
    public long mpid() {
        return alpha(MARKET_PARTICIPANT_POSITION_MPID_OFFSET, MPID_LENGTH);
    }

    /** {@link #mpid()} as text, trailing spaces left out. Allocates. */
    public String mpidAsString() {
        return Symbols.toString(mpid(), MPID_LENGTH);
    }

    /** The 8 raw ASCII bytes of the symbol at offset 15, packed big-endian (see {@link Symbols}). */
    public long stock() {
        return i64(MARKET_PARTICIPANT_POSITION_STOCK_OFFSET);
    }

    /** {@link #stock()} as text, trailing spaces left out. Allocates. */
    public String stockAsString() {
        return Symbols.toString(stock());
    }

    /** Primary market maker: one ASCII byte at offset 23. */
    public byte primaryMarketMaker() {
        return byteAt(MARKET_PARTICIPANT_POSITION_PRIMARY_MARKET_MAKER_OFFSET);
    }

    /** Market maker mode: one ASCII byte at offset 24. */
    public byte marketMakerMode() {
        return byteAt(MARKET_PARTICIPANT_POSITION_MARKET_MAKER_MODE_OFFSET);
    }

    /** Market participant state: one ASCII byte at offset 25. */
    public byte marketParticipantState() {
        return byteAt(MARKET_PARTICIPANT_POSITION_MARKET_PARTICIPANT_STATE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendAlpha(sb, "mpid", mpid(), MPID_LENGTH);
        appendAlpha(sb, "stock", stock(), STOCK_LENGTH);
        appendChar(sb, "primaryMarketMaker", primaryMarketMaker());
        appendChar(sb, "marketMakerMode", marketMakerMode());
        appendChar(sb, "marketParticipantState", marketParticipantState());
    }
}
