package io.tickjournal.kafka;

import io.tickjournal.TickjournalException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** Looks up and creates topics. Called once per command, on its main thread. */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /**
     * The partition count of {@code topic}, creating it with {@code partitions} partitions (0: 1)
     * when absent.
     *
     * @throws TickjournalException when the topic exists with another count than a non-zero
     *                              {@code partitions}
     * @throws RetriableException   when the broker cannot be reached
     */
    public static int ensure(KafkaClients clients, String topic, int partitions) {
        try (Admin admin = clients.admin()) {
            int existing = partitionCount(admin, topic);
            if (existing == 0) {
                int n = partitions == 0 ? 1 : partitions;
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(n), Optional.empty()))).all().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RetriableException r) {
                        throw r;
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw failure(clients, topic, e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TickjournalException("interrupted while creating topic " + topic, e);
                }
                existing = partitionCount(admin, topic);
            }
            if (partitions != 0 && existing != partitions) {
                throw new TickjournalException("topic " + topic + " has " + existing + " partitions, not --partitions "
                        + partitions + " (a topic's partitioning is fixed once records are in it)");
            }
            return existing;
        }
    }

    /** The partition count of an existing {@code topic}. */
    public static int require(KafkaClients clients, String topic) {
        try (Admin admin = clients.admin()) {
            int n;
            try {
                n = partitionCount(admin, topic);
            } catch (RetriableException e) {
                throw new TickjournalException("topic " + topic + ": " + e.getMessage(), e);
            }
            if (n == 0) {
                throw new TickjournalException("topic " + topic + ": no such topic at " + clients.bootstrap());
            }
            return n;
        }
    }

    /** 0 when the topic does not exist. */
    private static int partitionCount(Admin admin, String topic) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames().get();
            return d.get(topic).partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            if (e.getCause() instanceof RetriableException r) {
                throw r; // an unreachable broker: weather a waiting publisher rides out
            }
            throw new TickjournalException("topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TickjournalException("interrupted while looking up topic " + topic, e);
        }
    }

    private static TickjournalException failure(KafkaClients clients, String topic, ExecutionException e) {
        return new TickjournalException("creating topic " + topic + " at " + clients.bootstrap() + ": "
                + e.getCause().getMessage(), e.getCause());
    }
}
