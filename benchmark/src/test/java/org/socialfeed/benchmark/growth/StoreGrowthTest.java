package org.socialfeed.benchmark.growth;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ValueOrderedH2Backend;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The store grows by copies of the services' own documents, on the same stand-in the stack runs. */
class StoreGrowthTest {

    private static final long POSTS = 3_000;
    private static final int ACCOUNTS = 500;

    private static MongoServer server;
    private static String uri;

    @BeforeAll
    static void startStandIn() {
        server = new MongoServer(ValueOrderedH2Backend.inMemory());
        InetSocketAddress address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> posts = client.getDatabase("posts").getCollection("posts");
            posts.createIndex(Indexes.ascending("repostKey"), new IndexOptions().unique(true).sparse(true));
            posts.insertOne(new Document("_id", 246444458710351L).append("authorId", 246444129260177L)
                    .append("author", new Document("id", "246444129260177").append("username", "bh_1"))
                    .append("text", "seed post").append("outbox", List.of(new Document("topic", "posts.events"))));
            MongoCollection<Document> accounts = client.getDatabase("users").getCollection("accounts");
            accounts.createIndex(Indexes.ascending("usernameLower"), new IndexOptions().unique(true));
            accounts.createIndex(Indexes.ascending("emailLower"), new IndexOptions().unique(true));
            accounts.insertOne(new Document("_id", 246444129260177L).append("username", "bh_1")
                    .append("usernameLower", "bh_1").append("emailLower", "bh_1@bench.example.org"));
            client.getDatabase("notifications").getCollection("accounts")
                    .insertOne(new Document("_id", "246444129260177").append("username", "bh_1"));
        }
    }

    @AfterAll
    static void stopStandIn() {
        server.shutdownNow();
    }

    @Test
    void everyCollectionGrowsByCopiesWithIdsAndUniqueKeysOfTheirOwnAndNoPendingEvents() throws Exception {
        List<StoreGrowth.Growth> growths = StoreGrowth.grow(uri, POSTS, ACCOUNTS, line -> { });

        assertThat(growths).extracting(StoreGrowth.Growth::collection, StoreGrowth.Growth::after).contains(
                tuple("posts.posts", POSTS),
                tuple("users.accounts", (long) ACCOUNTS),
                tuple("notifications.accounts", (long) ACCOUNTS),
                // the services wrote nothing here, so there is nothing to copy
                tuple("users.counted_posts", 0L));
        try (MongoClient client = MongoClients.create(uri)) {
            List<Document> posts = client.getDatabase("posts").getCollection("posts").find().into(new ArrayList<>());
            Document grown = posts.stream().filter(post -> post.getLong("_id") != 246444458710351L).findFirst()
                    .orElseThrow();
            assertThat(grown.getLong("_id")).as("older than the services' own").isLessThan(246444458710351L);
            assertThat(grown).doesNotContainKey("outbox").containsEntry("text", "seed post");
            assertThat(grown.get("author", Document.class).getString("id")).isEqualTo(grown.getLong("authorId")
                    .toString());
            Set<Object> authors = posts.stream().map(post -> post.get("authorId")).collect(Collectors.toSet());
            assertThat(authors).as("written by the grown accounts").hasSize(ACCOUNTS + 1);

            List<Document> accounts = client.getDatabase("users").getCollection("accounts").find()
                    .into(new ArrayList<>());
            assertThat(accounts.stream().map(account -> account.get("emailLower")).distinct()).hasSize(ACCOUNTS);
            assertThat(client.getDatabase("notifications").getCollection("accounts").find().first().get("_id"))
                    .isInstanceOf(String.class);
        }

        List<HotQueryTimes.QueryTime> times = HotQueryTimes.measure(uri, 50, 1, POSTS - 1, ACCOUNTS - 1);
        assertThat(times).extracting(HotQueryTimes.QueryTime::collection, HotQueryTimes.QueryTime::query).contains(
                tuple("posts.posts", "insert"),
                tuple("posts.posts", "find {_id} stored long ago"),
                tuple("users.accounts", "find {usernameLower}"),
                tuple("users.accounts", "find {emailLower}"),
                tuple("users.accounts", "update {_id} $inc"));
        assertThat(times).allSatisfy(time -> assertThat(time.stats().count()).isEqualTo(50));
        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(client.getDatabase("posts").getCollection("posts").countDocuments())
                    .as("the timed documents are gone again").isEqualTo(POSTS);
        }
    }
}
