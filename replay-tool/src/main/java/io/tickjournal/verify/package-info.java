/**
 * The correctness oracle of {@code tickjournal verify}: record integrity, an independent walk of the
 * cycle files, a reference engine built on plain {@code java.util} collections run against the fast
 * engine, and comparisons with a persisted state and golden files.
 */
package io.tickjournal.verify;
