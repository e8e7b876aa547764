package io.tickjournal.capture;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/** Logs the first occurrence of each kind of problem; later ones are only counted. */
final class ReportOnce {
    private final Set<String> seen = new HashSet<>();
    private final Consumer<String> say;

    ReportOnce(Consumer<String> say) {
        this.say = say;
    }

    void report(String kind, String detail) {
        if (seen.add(kind)) {
            say.accept("capture: " + kind + ": " + detail + " (counted; further ones are not logged)");
        }
    }
}
