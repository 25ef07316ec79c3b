package org.socialfeed.post;

import com.mongodb.client.model.Filters;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.Topics;
import org.socialfeed.post.favourite.FavouriteRepository;
import org.socialfeed.post.status.PostRepository;
import org.socialfeed.support.outbox.Outbox;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.SharedInfrastructure;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A write while the broker is down is stored with its events, which reach Kafka once it is back. */
@QuarkusTest
class OutboxBrokerOutageTest {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Inject
    PostRepository posts;

    @Inject
    FavouriteRepository favourites;

    @Test
    void eventsOfWritesDuringAnOutageArePublishedOnceTheBrokerReturns() {
        TestAccounts.TestAccount author = TestAccounts.register("steadfast");
        TestAccounts.TestAccount fan = TestAccounts.register("loyal");
        String id;
        SharedInfrastructure.get().stopKafka();
        try {
            id = Statuses.create(author, "written while Kafka is away");
            Statuses.act(fan, id, "favourite").statusCode(200).body("favourites_count", equalTo(1));
            given().get("/api/v1/statuses/" + id).then().statusCode(200);
            long postId = Long.parseLong(id);
            // the events wait in the documents' outboxes, past the publisher's first attempt and a few sweeps
            await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofSeconds(6)).until(() ->
                    pending(posts.collection().find(Filters.eq("_id", postId)).first()) == 1
                            && pending(favourites.collection().find(Filters.eq("_id",
                            FavouriteRepository.key(postId, fan.longId()))).first()) == 1);
        } finally {
            SharedInfrastructure.get().startKafka();
        }

        ConsumerRecord<String, String> created = KafkaProbe.awaitRecord(Topics.POSTS,
                record -> author.id().equals(record.key()) && PostCreated.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                RECOVERY);
        assertThat(created.value()).contains("\"postId\":\"" + id + "\"");
        ConsumerRecord<String, String> liked = KafkaProbe.awaitRecord(Topics.INTERACTIONS,
                record -> id.equals(record.key()) && PostLiked.TYPE.equals(KafkaProbe.header(record, "ce_type")),
                RECOVERY);
        assertThat(liked.value()).contains("\"liked\":true");
        long postId = Long.parseLong(id);
        await().atMost(RECOVERY).until(() -> pending(posts.collection().find(Filters.eq("_id", postId)).first()) == 0
                && pending(favourites.collection().find(Filters.eq("_id",
                FavouriteRepository.key(postId, fan.longId()))).first()) == 0);

        // at least once, never two different events: every copy of it on the topic carries the same CloudEvents id
        String after = Statuses.create(author, "back to normal");
        List<ConsumerRecord<String, String>> authorsEvents = KafkaProbe.awaitRecordsUntil(Topics.POSTS,
                record -> author.id().equals(record.key()),
                record -> record.value().contains("\"postId\":\"" + after + "\""), RECOVERY);
        assertThat(authorsEvents.subList(0, authorsEvents.size() - 1))
                .extracting(record -> KafkaProbe.header(record, "ce_id"))
                .containsOnly(KafkaProbe.header(created, "ce_id"));
    }

    private static int pending(Document document) {
        return document == null ? -1 : document.getList(Outbox.FIELD, Document.class, List.of()).size();
    }
}
