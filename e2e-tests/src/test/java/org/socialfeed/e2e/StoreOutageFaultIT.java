package org.socialfeed.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;
import org.socialfeed.stack.SocialfeedStack.Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stores fail under load: Kafka restarts, Redis is flushed and restarted, MongoDB goes away and comes back. */
class StoreOutageFaultIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final int WRITES_PER_SECOND = 8;

    @Test
    void aKafkaRestartUnderLoadLosesNothingAndTheOutboxesDrain() {
        Workload workload = new Workload("kafka", 6);
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            Workload.sleep(15_000);
            RunningStack.get().stopStore(Store.KAFKA, true);
            Workload.sleep(15_000);
            start(Store.KAFKA);
        });
        workload.runThrough(fault, RUN, WRITES_PER_SECOND);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(eventsLeftInOutboxes()).isZero());
        workload.figures("kafka-restart").put("faultsInjected", "1 (broker kill -9, down 15 s)")
                .put("eventsLeftInOutboxes", 0).write();
    }

    @Test
    void aRedisFlushAndRestartNeverFailsAReadAndTimelinesConverge() {
        Workload workload = new Workload("redis", 6);
        AtomicLong downFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong downUntil = new AtomicLong(Long.MAX_VALUE);
        TimelinePoller reader = new TimelinePoller(workload.users());
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            Workload.sleep(15_000);
            StoreSnapshot.redis("FLUSHALL");
            Workload.sleep(15_000);
            downFrom.set(System.nanoTime());
            RunningStack.get().stopStore(Store.REDIS, true);
            Workload.sleep(5_000);
            start(Store.REDIS);
            Workload.sleep(5_000); // reconnection time
            downUntil.set(System.nanoTime());
        });
        workload.runThrough(fault, RUN, WRITES_PER_SECOND);
        reader.close();
        List<TimelinePoller.Read> reads = reader.reads();
        long readsWhileDown = reads.stream().filter(read -> read.overlaps(downFrom.get(), downUntil.get())).count();
        List<String> failedReads = reads.stream().filter(read -> !read.overlaps(downFrom.get(), downUntil.get()))
                .filter(read -> read.status() != 200).map(read -> read.username() + " -> " + read.status()).toList();
        workload.figures("redis-flush-restart").put("faultsInjected", "2 (FLUSHALL, then kill -9 and restart empty)")
                .put("timelineReads", reads.size()).put("readsWhileRedisWasDown", readsWhileDown)
                .put("failedReadsWhileRedisWasUp", failedReads.size()).write();
        assertThat(failedReads).as("home timeline reads that failed while Redis was up (cold after a flush)").isEmpty();
    }

    @Test
    void writesFailCleanlyWhileMongoIsDownAndSucceedWhenItReturns() {
        Client author = Client.registerAndLogIn("mongo_author");
        Client fan = Client.registerAndLogIn("mongo_fan");
        fan.on(ServiceApp.USER).post("/api/v1/accounts/" + author.id + "/follow").then().statusCode(200);
        RunningStack.get().stopStore(Store.MONGO_STAND_IN, false);
        List<Response> refused = new ArrayList<>();
        try {
            refused.add(author.on(ServiceApp.POST).config(Workload.timeouts()).contentType(ContentType.JSON)
                    .body(Map.of("status", "written while the database is down")).post("/api/v1/statuses"));
            refused.add(author.on(ServiceApp.USER).config(Workload.timeouts())
                    .post("/api/v1/accounts/" + fan.id + "/follow"));
            refused.add(author.on(ServiceApp.NOTIFICATION).config(Workload.timeouts()).contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:9/hook")).post("/api/v1/webhooks"));
        } finally {
            start(Store.MONGO_STAND_IN);
        }
        for (Response response : refused) {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.jsonPath().getString("error")).isNotBlank();
            assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
        }
        // it works again, and nothing of the refused writes was stored
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> author.on(ServiceApp.POST)
                .config(Workload.timeouts()).contentType(ContentType.JSON).body(Map.of("status", "back again"))
                .post("/api/v1/statuses").then().statusCode(200));
        List<String> texts = author.on(ServiceApp.POST).get("/api/v1/accounts/" + author.id + "/statuses")
                .then().statusCode(200).extract().jsonPath().getList("content");
        assertThat(texts).hasSize(1).noneMatch(text -> text.contains("database is down"));
        List<String> following = author.on(ServiceApp.USER).get("/api/v1/accounts/" + author.id + "/following")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(following).isEmpty();
        assertThat(author.on(ServiceApp.NOTIFICATION).get("/api/v1/webhooks").then().statusCode(200)
                .extract().jsonPath().getList("id")).isEmpty();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(fan.on(ServiceApp.FEED)
                .get("/api/v1/timelines/home").then().statusCode(200).extract().jsonPath().getList("content").toString())
                .contains("back again").doesNotContain("database is down"));
        new Figures("mongo-restart").put("faultsInjected", "1 (clean stop, restart)").put("writesDuringOutage", refused.size())
                .put("answered503WithRetryAfter", refused.size()).put("halfWrittenFound", 0).write();
    }

    private static void start(Store store) {
        try {
            RunningStack.get().startStore(store);
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart " + store, e);
        }
    }

    /** Events written by the services that Kafka has not acknowledged yet, over every outbox. */
    private static long eventsLeftInOutboxes() {
        long left = 0;
        try (MongoClient client = MongoClients.create(RunningStack.get().mongoUri())) {
            for (String name : List.of("users", "posts", "notifications")) {
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (Document document : database.getCollection(collection).find()) {
                        Object outbox = document.get("outbox");
                        if (outbox instanceof List<?> events) {
                            left += events.size();
                        }
                    }
                }
            }
        }
        return left;
    }
}
