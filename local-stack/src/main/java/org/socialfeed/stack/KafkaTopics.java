package org.socialfeed.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.socialfeed.events.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Creates the topics the services use, with their partitions and the follow graph's compaction. */
public final class KafkaTopics {

    private static final int PARTITIONS = 3;
    private static final short REPLICATION = 1;

    private KafkaTopics() {
    }

    public static List<NewTopic> all() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(Topics.USERS, Topics.FOLLOWS, Topics.POSTS, Topics.INTERACTIONS)) {
            NewTopic topic = new NewTopic(name, PARTITIONS, REPLICATION);
            if (name.equals(Topics.FOLLOWS)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
            topics.add(new NewTopic(Topics.deadLetter(name), 1, REPLICATION));
        }
        topics.add(new NewTopic(Topics.NOTIFICATIONS_PUSH, PARTITIONS, REPLICATION));
        return topics;
    }

    public static void ensure(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (NewTopic topic : all()) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }
}
