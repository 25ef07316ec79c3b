package org.socialfeed.benchmark.ceiling;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the stores under posting do alone, on the same machine in the same run, so posting's rate reads as a
 * fraction of them: the MongoDB-protocol store's inserts of post-sized documents through the official driver (as
 * post-service writes a post), and Kafka's producer sending post-sized records with the settings post-service's
 * producer keeps (acks=all, the client's default batching). Each writes into a collection or topic of its own.
 */
public final class StoreWriteCeilings {

    /** About a post's document or event: text, rendered HTML, author, counts. */
    static final int RECORD_BYTES = 1024;
    /** Inserts in flight at once, as post-service's worker threads would have. */
    static final int INSERT_THREADS = 8;
    /** Records the producer may have unacknowledged, so the rate is the broker's and not a growing queue's. */
    static final int PRODUCER_IN_FLIGHT = 1_000;
    public static final String MONGO_INSERTS = "MongoDB-protocol store: insertOne of 1 KiB documents";
    public static final String KAFKA_PRODUCER = "Kafka producer: 1 KiB records, acks=all";

    private StoreWriteCeilings() {
    }

    public static CeilingResult mongoInserts(String mongoUri, Duration duration) throws InterruptedException {
        String text = "x".repeat(RECORD_BYTES);
        AtomicLong inserted = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> posts = client.getDatabase("benchmark_ceiling").getCollection("posts");
            posts.drop();
            long end = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            ExecutorService threads = Executors.newFixedThreadPool(INSERT_THREADS);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < INSERT_THREADS; t++) {
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < end && failure.get() == null) {
                        try {
                            posts.insertOne(new Document("text", text).append("authorId", "1")
                                    .append("createdAt", new java.util.Date()));
                            inserted.incrementAndGet();
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, e);
                        }
                    }
                }));
            }
            threads.shutdown();
            awaitAll(running);
            double seconds = (System.nanoTime() - start) / 1e9;
            posts.drop();
            if (failure.get() != null) {
                throw new IllegalStateException("inserting into the MongoDB-protocol store failed", failure.get());
            }
            return new CeilingResult(MONGO_INSERTS, inserted.get() / seconds, "official MongoDB driver, "
                    + INSERT_THREADS + " threads, closed loop",
                    "insertOne into benchmark_ceiling.posts (only the _id index), " + Math.round(seconds) + " s");
        }
    }

    public static CeilingResult kafkaProducer(String bootstrapServers, Duration duration) throws InterruptedException {
        String value = "x".repeat(RECORD_BYTES);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(PRODUCER_IN_FLIGHT);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "benchmark-producer-ceiling"),
                new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long i = 0; System.nanoTime() < end && failure.get() == null; i++) {
                inFlight.acquire();
                producer.send(new ProducerRecord<>("benchmark.ceiling", Long.toString(i), value), (sent, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                    inFlight.release();
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("producing to Kafka failed", failure.get());
            }
            return new CeilingResult(KAFKA_PRODUCER, acknowledged.get() / seconds, "Kafka's Java producer, one thread,"
                    + " at most " + PRODUCER_IN_FLIGHT + " records unacknowledged",
                    "topic benchmark.ceiling, default batching, " + Math.round(seconds) + " s");
        }
    }

    private static void awaitAll(List<Future<?>> running) throws InterruptedException {
        for (Future<?> task : running) {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
