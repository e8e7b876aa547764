package io.tickjournal.replay;

/** Unwinds a replay worker that was waiting on a full ring when the replay was cancelled. */
final class ReplayCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayCancelledException() {
        super("replay cancelled", null, false, false);
    }
}
