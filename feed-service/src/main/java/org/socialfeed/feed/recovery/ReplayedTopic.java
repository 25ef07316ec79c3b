package org.socialfeed.feed.recovery;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A topic that {@link StateRecovery} replays to rebuild Redis. The topic's live consumer implements it, so a replay
 * goes through the same code as live records; recovery replays every bean of this type and names none of them.
 */
public interface ReplayedTopic {

    String topic();

    /** Topics replay in ascending order: a topic's records may need what an earlier one restored. */
    int replayOrder();

    /** True to replay the whole topic (compacted: it holds the current state), false for the replay window only. */
    boolean replayedWhole();

    /**
     * Applies records in replay mode: state only, no fan-out, backfill or purges. A record that fails is handed to
     * {@code rejected} and the others still apply.
     */
    void replay(List<ConsumerRecord<String, String>> records,
                BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected);
}
