/**
 * The operator's view: Prometheus metrics and a health check over HTTP on loopback
 * ({@link io.tickjournal.metrics.MetricsServer}), and the capture host's health rule
 * ({@link io.tickjournal.metrics.IngestionHealth}).
 */
package io.tickjournal.metrics;
