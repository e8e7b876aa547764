/**
 * Replaying a historical journal: worker threads (one per shard of symbols) applying it with the
 * engine, the resequencer that merges their bars into the one stream order, pacing, range selection,
 * per-stage latency measurement and baselines (docs/replay.md).
 */
package io.tickjournal.replay;
