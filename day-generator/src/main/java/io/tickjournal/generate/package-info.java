/**
 * Synthetic, protocol-valid NASDAQ TotalView-ITCH 5.0 trading days written as BinaryFILE, for tests,
 * demos and benchmarks: {@link io.tickjournal.generate.ItchDayGenerator}.
 */
package io.tickjournal.generate;
