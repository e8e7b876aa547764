/**
 * The journal: its record format ({@link io.tickjournal.journal.JournalRecordLayout}), the writer that
 * appends one checksummed record per feed event, the readers (through Chronicle and, independently, over
 * the cycle files' bytes) and retention of old cycle files.
 *
 * <p>Byte order: record headers little-endian, ITCH payloads big-endian as on the wire
 * (docs/journal-format.md). A writer is single-threaded; readers may run in other processes while it writes.
 */
package io.tickjournal.journal;
