/**
 * NASDAQ TotalView-ITCH 5.0 codecs: message types and lengths ({@link io.tickjournal.itch.ItchMessageType}),
 * byte layouts ({@link io.tickjournal.itch.ItchLayout}, {@link io.tickjournal.itch.ItchOrderLayout},
 * {@link io.tickjournal.itch.ItchTradeLayout}), allocation-free flyweight decoders reading in place
 * from Chronicle memory, a dispatcher to an {@link io.tickjournal.itch.ItchListener}, and a
 * {@link java.nio.ByteBuffer} encoder for generators and tests.
 *
 * <p>All ITCH integers are big-endian and unsigned. Prices are {@code Price(4)} (4 implied
 * decimals) held in a {@code long}; the MWCB levels are {@code Price(8)}. Alpha fields come back
 * as a {@code byte} (one character) or as their raw bytes packed big-endian into a {@code long}
 * (see {@link io.tickjournal.itch.Symbols}).
 */
package io.tickjournal.itch;
