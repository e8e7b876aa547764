package io.tickjournal.storage;

/**
 * A writer stopped because its file system is full ({@link SpaceGuard}); the message is the one
 * line to print. The command reports it with exit 1 (the command found a problem), never a stack trace.
 */
public final class NoSpaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code line}: what ran out and where, e.g. {@link SpaceGuard#noSpace(long, long)}. */
    public NoSpaceException(String line) {
        super(line, null, false, false);
    }
}
