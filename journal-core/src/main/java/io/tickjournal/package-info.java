/**
 * tickjournal: a persisted, event-sourced NASDAQ TotalView-ITCH 5.0 journal on Chronicle Queue.
 *
 * <p>This package holds only {@link io.tickjournal.TickjournalException}, the one project exception:
 * it carries a reason a person can act on, naming the file or address it concerns. The concepts live in
 * the sub-packages; docs/architecture.md maps them.
 */
package io.tickjournal;
