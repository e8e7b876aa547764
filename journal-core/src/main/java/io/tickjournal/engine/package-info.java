/**
 * Applying the journal: {@link io.tickjournal.engine.MarketEngine} turns ITCH messages into order books,
 * VWAP totals and bars (the VWAP rules of docs/architecture.md), {@link io.tickjournal.engine.StatePipeline}
 * applies journal records and writes changed symbols to the state map as
 * {@link io.tickjournal.engine.FlushPolicy} says (capture and replay alike),
 * {@link io.tickjournal.engine.JournalTailer} is capture's use of it on a growing journal, and
 * {@link io.tickjournal.engine.Checkpoint} saves and restores the engine state as one section per
 * component ({@link io.tickjournal.engine.SnapshotSections}). One engine per thread.
 */
package io.tickjournal.engine;
