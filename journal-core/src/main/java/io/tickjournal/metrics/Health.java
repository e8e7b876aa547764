package io.tickjournal.metrics;

/** What a health check found: healthy, or not and why (one line for the operator). */
public record Health(boolean healthy, String reason) {
    private static final Health OK = new Health(true, "ok");

    public static Health ok() {
        return OK;
    }

    public static Health unhealthy(String reason) {
        return new Health(false, reason);
    }
}
