/**
 * A feed simulator for tests and demos: serves a BinaryFILE as MoldUDP64 (with a re-request server)
 * and as a SoupBinTCP 3.00 server, at a chosen rate and with optional packet drops.
 */
package io.tickjournal.feed;
