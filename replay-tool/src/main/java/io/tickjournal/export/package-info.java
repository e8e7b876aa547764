/**
 * Exports of a journal for analysts: one CSV per ITCH message type with named columns
 * ({@link io.tickjournal.export.ItchFields}) and LOBSTER message and order book files per symbol
 * (docs/notebooks.md).
 */
package io.tickjournal.export;
