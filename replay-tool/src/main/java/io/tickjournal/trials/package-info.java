/**
 * Corruption trials: a small generated journal damaged one way at a time (a byte, a run of bytes,
 * a not-complete bit, a truncation, in every region of the cycle file and the table store), with
 * {@code verify} and {@code replay} run in-process on each, so that no damage passes silently.
 * Driven by {@code src/scripts/corrupt-trials}; results in {@code docs/reliability.md}.
 */
package io.tickjournal.trials;
