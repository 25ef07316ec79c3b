package org.socialfeed.support.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Writes event records as JSON and reads them back from Kafka records in CloudEvents binary mode. */
public final class EventCodec {

    public static final String TYPE_HEADER = "ce_type";
    public static final String ID_HEADER = "ce_id";

    private final ObjectMapper json;

    public EventCodec(ObjectMapper json) {
        this.json = json;
    }

    public OutgoingEvent encode(String topic, String key, String type, Object event) {
        try {
            return new OutgoingEvent(UUID.randomUUID().toString(), topic, key, type, json.writeValueAsString(event),
                    Instant.now());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + type + " cannot be written as JSON", e);
        }
    }

    /** Reads the payload; a record that is not valid JSON of that type throws, which sends it to the dead-letter topic. */
    public <T> T decode(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            return json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a valid " + type.getSimpleName(), e);
        }
    }

    public static String type(ConsumerRecord<String, String> record) {
        return header(record, TYPE_HEADER);
    }

    public static String id(ConsumerRecord<String, String> record) {
        return header(record, ID_HEADER);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
