package io.tickjournal.fix;

import quickfix.Log;
import quickfix.LogFactory;
import quickfix.SessionID;

import java.util.function.Consumer;

/**
 * QuickFIX/J's session log, reduced to its events (logon, logout, resend, rejects), each one line to a
 * consumer (stderr in the CLI). Messages themselves are not logged: at tens of thousands per second a line
 * each would cost more than sending them; the file store keeps every sent message anyway.
 *
 * <p>Thread: QuickFIX/J calls it from its threads; the consumer must be thread-safe.
 */
public final class SessionEventLog implements LogFactory {
    private final Consumer<String> say;

    /** Events go to {@code say}, prefixed with "fix: " and the session. */
    public SessionEventLog(Consumer<String> say) {
        this.say = say;
    }

    @Override
    public Log create(SessionID sessionId) {
        return new Log() {
            @Override
            public void clear() {
                // nothing kept
            }

            @Override
            public void onIncoming(String message) {
                // messages are not logged (see the class comment)
            }

            @Override
            public void onOutgoing(String message) {
                // messages are not logged (see the class comment)
            }

            @Override
            public void onEvent(String text) {
                say.accept("fix: " + sessionId + ": " + text);
            }

            @Override
            public void onErrorEvent(String text) {
                say.accept("fix: " + sessionId + ": error: " + text);
            }
        };
    }
}
