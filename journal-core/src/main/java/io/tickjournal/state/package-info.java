/**
 * The derived state other processes read: the per-symbol Chronicle Map
 * ({@link io.tickjournal.state.StateStore}, 96-byte little-endian records), the bars queue, the state
 * directory's files and the determinism digest over both (docs/journal-format.md).
 */
package io.tickjournal.state;
