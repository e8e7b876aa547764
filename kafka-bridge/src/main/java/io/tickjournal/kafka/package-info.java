/**
 * Journal records to and from Apache Kafka. A topic carries every record of a journal, one Kafka
 * record each: value = the journaled bytes unchanged, key = the ITCH stock locate, header
 * {@code tj-index} = the journal index ({@link io.tickjournal.kafka.KafkaRecordFormat}). The
 * {@link io.tickjournal.kafka.JournalPublisher} writes a topic exactly once with a transactional
 * producer, the {@link io.tickjournal.kafka.JournalMirror} writes a journal back from it, and
 * {@link io.tickjournal.kafka.KafkaRecordSource} feeds a replay from a subset of its partitions
 * (scale-out by symbol). {@code docs/kafka.md} is the reference for other languages.
 */
package io.tickjournal.kafka;
