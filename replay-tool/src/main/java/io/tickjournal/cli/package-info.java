/**
 * The {@code tickjournal} command line (picocli): one {@code *Command} class per command, each mapping
 * its options onto the library and turning failures into one line and an exit code (0 success, 1 a
 * problem found, 2 bad usage or unreadable input, 130/143 interrupted).
 */
package io.tickjournal.cli;
