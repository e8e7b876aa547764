/**
 * Importing a NASDAQ BinaryFILE (two-byte big-endian length before each ITCH message, gzip detected)
 * into a journal, one record per message; truncated tails and bad lengths are reported, never fatal.
 */
package io.tickjournal.ingest;
