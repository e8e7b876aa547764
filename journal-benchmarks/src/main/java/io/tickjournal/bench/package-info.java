/**
 * JMH microbenchmarks of the hot path's parts (decode, book, VWAP, map write, journal append and read),
 * built into target/benchmarks.jar by {@code mvn verify} and run only on demand (docs/benchmarks.md).
 */
package io.tickjournal.bench;
