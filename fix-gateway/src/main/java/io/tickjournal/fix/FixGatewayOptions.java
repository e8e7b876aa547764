package io.tickjournal.fix;

import io.tickjournal.TickjournalException;

import java.nio.file.Path;
import java.util.Set;

/**
 * Settings of one FIX publisher, validated once here; the command line only maps flags onto them.
 *
 * @param state         state directory to serve (its {@code fix/} subdirectory holds the session stores)
 * @param bind          address to listen on (default 127.0.0.1)
 * @param port          TCP port; 0 picks a free one at start ({@link FixGateway#port()} tells which)
 * @param senderCompId  our CompID: SenderCompID (49) of what we send, TargetCompID (56) clients must use
 * @param allow         SenderCompIDs allowed to log on; empty allows any
 * @param minIntervalMs at most one incremental refresh per symbol and subscription this often; 0 sends every
 *                      change the state shows
 */
public record FixGatewayOptions(Path state, String bind, int port, String senderCompId, Set<String> allow,
                                long minIntervalMs) {
    /** The default listening address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** The default SenderCompID of the publisher. */
    public static final String DEFAULT_SENDER_COMP_ID = "TICKJOURNAL";
    /** The default refresh spacing: none, every change the state shows is sent. */
    public static final String DEFAULT_MIN_INTERVAL_MS = "0";

    /** Checks the values; a bad one is a {@link TickjournalException} naming the option. */
    public FixGatewayOptions {
        if (port < 0 || port > 65535) {
            throw new TickjournalException("--port must be 0 to 65535, got " + port);
        }
        if (minIntervalMs < 0) {
            throw new TickjournalException("--min-interval-ms must not be negative, got " + minIntervalMs);
        }
        if (senderCompId == null || senderCompId.isBlank() || senderCompId.indexOf('\u0001') >= 0) {
            throw new TickjournalException("--sender-comp-id must be a non-blank CompID, got '" + senderCompId + "'");
        }
        if (bind == null || bind.isBlank()) {
            throw new TickjournalException("--bind must be an address, got '" + bind + "'");
        }
        allow = Set.copyOf(allow);
    }

    /** Where QuickFIX/J's file store keeps each session's sequence numbers and sent messages. */
    public Path storeDir() {
        return state.resolve(io.tickjournal.state.StateDirectory.FIX_DIR);
    }
}
