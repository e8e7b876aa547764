package io.tickjournal.metrics;

/** What a health check found: healthy, or not and why (one line for the operator). */
public record Health(boolean healthy, String reason) {
    private static final Health OK = new Health(true, "ok");

    /** Healthy. */
    public static Health ok() {
        return OK;
    }

    /** Unhealthy, for {@code reason} (shown by {@code /healthz}). */
    public static Health unhealthy(String reason) {
        return new Health(false, reason);
    }
}
