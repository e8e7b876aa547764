/**
 * The capture-host daemon: MoldUDP64 and SoupBinTCP ingestors that put the feed in sequence order
 * (re-requesting gaps, journaling what never arrives as gap records), the daemon that runs an ingestor
 * and a tailer thread, its settings, counters and Prometheus metrics. docs/operations.md is the
 * operator's guide.
 */
package io.tickjournal.capture;
