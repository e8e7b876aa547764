/**
 * Session VWAP totals and tumbling-window bars per stock locate, from counted trades.
 *
 * <p>Pure logic: the caller decides which ITCH messages are counted trades (docs/architecture.md,
 * "VWAP rules") and feeds them to {@link io.tickjournal.vwap.VwapEngine} with plain method calls;
 * bars come out through a {@link io.tickjournal.vwap.BarListener}. Integers only, nothing
 * allocated per trade after warm-up.
 */
package io.tickjournal.vwap;
