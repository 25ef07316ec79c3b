package org.socialfeed.support.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Consecutive records of one kind waiting to be applied together (a batch's follows or new posts); if the run fails,
 * each is applied on its own, so one bad record goes to {@code rejected} and the others still apply (the action must
 * be idempotent: what the failed run did is done again).
 */
public final class RecordRun<T> {

    private final Consumer<List<T>> action;
    private final BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final List<T> events = new ArrayList<>();

    public RecordRun(Consumer<List<T>> action, BiConsumer<ConsumerRecord<String, String>, RuntimeException> rejected) {
        this.action = action;
        this.rejected = rejected;
    }

    public void add(ConsumerRecord<String, String> record, T event) {
        records.add(record);
        events.add(event);
    }

    public void apply() {
        if (events.isEmpty()) {
            return;
        }
        try {
            action.accept(List.copyOf(events));
        } catch (RuntimeException runFailed) {
            for (int i = 0; i < events.size(); i++) {
                try {
                    action.accept(List.of(events.get(i)));
                } catch (RuntimeException e) {
                    rejected.accept(records.get(i), e);
                }
            }
        }
        records.clear();
        events.clear();
    }
}
