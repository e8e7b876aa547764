/**
 * NASDAQ transport protocol layouts (MoldUDP64 1.00, SoupBinTCP 3.00): field offsets, lengths and
 * packet types with their diagrams. Protocol definitions, not an application: the capture daemon's
 * ingestors read them and the feed simulator writes them, so both applications share the one
 * definition here in the library.
 */
package io.tickjournal.protocol;
