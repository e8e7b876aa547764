/**
 * Full-depth order books for every stock locate, rebuilt from ITCH order messages.
 *
 * <p>Pure logic: plain method calls with primitives, no I/O and no ITCH decoding. The tailer
 * decodes A/F, E/C, X, D and U and calls {@link io.tickjournal.book.OrderBooks}; nothing here
 * allocates per order after warm-up.
 */
package io.tickjournal.book;
