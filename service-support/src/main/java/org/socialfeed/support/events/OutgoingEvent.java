package org.socialfeed.support.events;

import java.time.Instant;

/**
 * An event on its way to Kafka, already serialized: what the outbox stores and the sender publishes.
 *
 * @param id   the CloudEvents {@code ce_id}, unique; consumers use it to apply an event once
 * @param type the CloudEvents {@code ce_type}, such as {@code social.post.created.v1}
 */
public record OutgoingEvent(String id, String topic, String key, String type, String payload, Instant createdAt) {
}
