package io.tickjournal.itch;

import net.openhft.chronicle.bytes.RandomDataInput;

import static io.tickjournal.itch.ItchLayout.*;

/** S System Event (12 bytes): the event code ('O', 'S', 'Q', 'M', 'E', 'C'). */
public final class SystemEventDecoder extends ItchMessageDecoder {
    @Override
    public SystemEventDecoder wrap(RandomDataInput buffer, long offset) {
        super.wrap(buffer, offset);
        return this;
    }

    /** Event code: one ASCII byte at offset 11. */
    public byte eventCode() {
        return byteAt(SYSTEM_EVENT_EVENT_CODE_OFFSET);
    }

    @Override
    protected void appendBody(StringBuilder sb) {
        appendChar(sb, "eventCode", eventCode());
    }
}
