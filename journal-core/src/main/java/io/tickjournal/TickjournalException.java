package io.tickjournal;

/**
 * The one exception type of the project. It carries a reason a person can act on; I/O failures
 * are wrapped with the file or address they concern (see {@link #io(String, java.io.IOException)}).
 */
public final class TickjournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code reason}: one line a person can act on, naming the file or setting. */
    public TickjournalException(String reason) {
        super(reason);
    }

    /** A failure described by {@code reason}, caused by {@code cause} (kept for the stack trace). */
    public TickjournalException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Wraps an I/O failure with the file or address it concerns: "{where}: {reason}". */
    public static TickjournalException io(String where, java.io.IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            why = "no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        }
        return new TickjournalException(where + ": " + why, e);
    }
}
