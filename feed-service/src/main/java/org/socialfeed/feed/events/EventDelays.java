package org.socialfeed.feed.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far behind the live consumers run, in time (Kafka's own lag metrics count records): for each applied record,
 * {@code social.feed.events.delay} from its send by the producer (the record's timestamp) to the moment its batch was
 * applied, per topic; for each new post, {@code social.feed.posts.delivery} from its creation in post-service to
 * that moment, the time a follower waits for it (publication included); {@code social.feed.events.batches}, how long
 * applying each batch took, per topic (a consumer whose batches take as long as the time between them is saturated).
 * All with percentiles and a histogram.
 */
@Singleton
public class EventDelays {

    private static final Duration LONGEST_EXPECTED = Duration.ofMinutes(1);

    private final MeterRegistry meters;
    private final Map<String, Timer> delayByTopic = new ConcurrentHashMap<>();
    private final Map<String, Timer> batchByTopic = new ConcurrentHashMap<>();
    private final Timer postDelivery;

    public EventDelays(MeterRegistry meters) {
        this.meters = meters;
        this.postDelivery = timer("social.feed.posts.delivery", "From a post's creation to its fan-out, "
                + "publication included").register(meters);
    }

    /** Records the delay of each record of a batch just applied, and how long applying it took. */
    void applied(List<ConsumerRecord<String, String>> records, long startedNanos) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        batchByTopic.computeIfAbsent(topic, name -> timer("social.feed.events.batches", "Time to apply a batch")
                .tag("topic", name).register(meters)).record(Duration.ofNanos(System.nanoTime() - startedNanos));
        Timer delay = delayByTopic.computeIfAbsent(topic, name -> timer("social.feed.events.delay",
                "From a record's send to its application").tag("topic", name).register(meters));
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, String> record : records) {
            if (record.timestamp() > 0) {
                delay.record(Duration.ofMillis(Math.max(0, now - record.timestamp())));
            }
        }
    }

    /** Records how long after its creation a new post was fanned out. */
    void delivered(Instant createdAt) {
        if (createdAt != null) {
            postDelivery.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - createdAt.toEpochMilli())));
        }
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram().maximumExpectedValue(LONGEST_EXPECTED);
    }
}
