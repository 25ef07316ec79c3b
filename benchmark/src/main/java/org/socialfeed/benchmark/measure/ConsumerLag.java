package org.socialfeed.benchmark.measure;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.socialfeed.benchmark.load.Progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How far a service's consumer group is behind on a topic, read from the broker (end offsets minus committed
 * offsets): the harness waits on it so a phase starts only once the service has applied what was loaded.
 */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records of {@code topic} the group has not committed yet; -1 if the group has committed nothing. */
    public long lag(String group, String topic) throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = new HashSet<>();
            for (var description : admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions()) {
                partitions.add(new TopicPartition(topic, description.partition()));
            }
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            long lag = 0;
            boolean any = false;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                if (offset != null) {
                    any = true;
                }
                lag += end.getValue() - (offset == null ? 0 : offset.offset());
            }
            return any || lag == 0 ? lag : -1;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }

    /**
     * Waits until {@code group} has consumed {@code topic} to its end, showing progress over {@code expected}
     * records; returns false (and the caller reports it) if that did not happen within {@code timeout}.
     */
    public boolean awaitCaughtUp(String group, String topic, long expected, Duration timeout, String label)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Progress progress = Progress.start(label, Math.max(1, expected))) {
            do { // at least once, so a group already caught up counts as such even when no time is left
                long lag = lag(group, topic);
                if (lag == 0) {
                    progress.set(expected);
                    return true;
                }
                if (lag > 0) {
                    progress.set(Math.max(0, expected - lag));
                }
                Thread.sleep(250);
            } while (System.nanoTime() < deadline);
        }
        return false;
    }

    /**
     * Records not yet committed, summed over every consumer group but {@code ignoring} and every partition it has
     * committed on.
     */
    public long totalLag(Set<String> ignoring) throws InterruptedException {
        try {
            List<Map<TopicPartition, OffsetAndMetadata>> groups = new ArrayList<>();
            Set<TopicPartition> partitions = new HashSet<>();
            for (var group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                if (ignoring.contains(group.groupId())) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                groups.add(committed);
                partitions.addAll(committed.keySet());
            }
            Map<TopicPartition, Long> ends = endOffsets(partitions);
            long lag = 0;
            for (Map<TopicPartition, OffsetAndMetadata> committed : groups) {
                for (var offset : committed.entrySet()) {
                    lag += ends.get(offset.getKey()) - offset.getValue().offset();
                }
            }
            return lag;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }

    private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * Waits until no consumer group but {@code ignoring} has anything left to read; false if that did not happen
     * within the timeout.
     */
    public boolean awaitAllCaughtUp(Duration timeout, Set<String> ignoring) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (totalLag(ignoring) == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
