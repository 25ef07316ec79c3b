package org.socialfeed.feed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.socialfeed.feed.recovery.RecoveryGate;
import org.socialfeed.feed.recovery.ReplayedTopic;
import org.socialfeed.feed.timeline.HomeFanOut;
import org.socialfeed.redis.RedisOutages;
import org.socialfeed.support.events.EventCodec;
import org.socialfeed.support.events.RecordBatches;
import org.socialfeed.support.events.RecordRun;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the live consumers of the four topics share: they decode records into {@link HomeFanOut} calls, hold their
 * next record while a recovery restores Redis from the same topics, and are what that recovery replays.
 * {@code replay} true restores state without fan-out, backfill or purges (timelines are rebuilt lazily). A record
 * that cannot be decoded throws; an unknown event type is ignored.
 */
abstract class FeedEventConsumer implements ReplayedTopic {

    /**
     * How long a record waits for an unreachable Redis before it goes to the dead-letter topic: longer than a Redis
     * Cluster's failover (seconds) or a restart, well within Kafka's max.poll.interval.ms (5 min), after which the
     * consumer group would take the partition from this instance.
     */
    static final Duration REDIS_OUTAGE_LIMIT = Duration.ofSeconds(60);

    protected final HomeFanOut feed;
    protected final EventCodec codec;
    protected final EventDelays delays;
    private final RecoveryGate recovery;

    protected FeedEventConsumer(HomeFanOut feed, ObjectMapper json, RecoveryGate recovery, EventDelays delays) {
        this.feed = feed;
        this.codec = new EventCodec(json);
        this.recovery = recovery;
        this.delays = delays;
    }

    protected abstract void apply(ConsumerRecord<String, String> record, boolean replay);

    /**
     * Applies records in order. A record that fails is handed to {@code rejected} and the others still apply;
     * consumers that can do a run of records in fewer round trips override this.
     */
    protected void applyAll(List<ConsumerRecord<String, String>> records, boolean replay,
                            BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        RecordBatches.eachRecord(record -> apply(record, replay)).applyAll(records, rejected);
    }

    /**
     * Applies records in order, consecutive records of type {@code runType} together: each is decoded by
     * {@code decode} into a run that {@code applyRun} applies at once (a record that cannot be decoded is rejected on
     * its own; a run that fails is applied again record by record, {@link RecordRun}). Any other record ends the run
     * and goes to {@link #apply}.
     */
    protected <T> void applyInRuns(List<ConsumerRecord<String, String>> records, String runType,
                                   Function<ConsumerRecord<String, String>, T> decode, Consumer<List<T>> applyRun,
                                   boolean replay,
                                   BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        RecordRun<T> run = new RecordRun<>(applyRun, rejected);
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (runType.equals(EventCodec.type(record))) {
                    run.add(record, decode.apply(record));
                } else {
                    run.apply();
                    apply(record, replay);
                }
            } catch (RuntimeException e) {
                rejected.accept(record, e);
            }
        }
        run.apply();
    }

    @Override
    public void replay(List<ConsumerRecord<String, String>> records,
                       BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        applyAll(records, true, rejected);
    }

    /**
     * Applies a batch from the live consumer: each record that fails goes to the dead-letter topic on its own (the
     * rest of the batch still applies), and the batch is acknowledged once those copies are written. If Redis was
     * unreachable, the whole batch is applied again, in order, until Redis answers (every write is idempotent), for at
     * most {@link #REDIS_OUTAGE_LIMIT}. How long after their send the records were applied goes to {@link EventDelays}.
     */
    protected CompletionStage<Void> applyLive(KafkaRecordBatch<String, String> batch) {
        return RecordBatches.apply(batch, (records, rejected) -> {
            long started = System.nanoTime();
            Map<ConsumerRecord<String, String>, RuntimeException> poison = new LinkedHashMap<>();
            RedisOutages.retryThroughOutage(() -> {
                recovery.awaitRecovered();
                poison.clear();
                applyAll(records, false, (record, failure) -> {
                    if (RedisOutages.isOutage(failure)) {
                        throw failure;
                    }
                    poison.put(record, failure);
                });
            }, REDIS_OUTAGE_LIMIT);
            delays.applied(records, started);
            poison.forEach(rejected);
        });
    }
}
