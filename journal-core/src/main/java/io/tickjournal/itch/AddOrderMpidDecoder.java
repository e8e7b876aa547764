package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchOrderLayout.*;

/** F Add Order with MPID Attribution (40 bytes): an A followed by the 4-byte attribution. */
public final class AddOrderMpidDecoder extends AddOrderDecoder {
    @Override
    public AddOrderMpidDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** The 4 raw bytes of the Alpha(4) MPID, big-endian. */
    public long attribution() {
        return alpha(ADD_ORDER_MPID_ATTRIBUTION_OFFSET, ADD_ORDER_MPID_ATTRIBUTION_LENGTH);
    }

    /** {@link #attribution()} as text, trailing spaces left out. Allocates. */
    public String attributionAsString() {
        return Symbols.toString(attribution(), ADD_ORDER_MPID_ATTRIBUTION_LENGTH);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        super.appendBody(sb);
        appendAlpha(sb, "attribution", attribution(), ADD_ORDER_MPID_ATTRIBUTION_LENGTH);
    }
}
