package org.socialfeed.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.BlockChanged;
import org.socialfeed.events.FollowCreated;
import org.socialfeed.events.FollowRemoved;
import org.socialfeed.events.FollowRequested;
import org.socialfeed.events.MuteChanged;
import org.socialfeed.events.PostCreated;
import org.socialfeed.events.PostDeleted;
import org.socialfeed.events.PostLiked;
import org.socialfeed.events.PostReplied;
import org.socialfeed.events.PostReposted;
import org.socialfeed.events.ProfileField;
import org.socialfeed.events.Topics;
import org.socialfeed.events.UserSuspended;
import org.socialfeed.events.UserUpdated;
import org.socialfeed.events.Visibility;
import org.socialfeed.testing.ErrorBody;
import org.socialfeed.testing.InfrastructureResource;
import org.socialfeed.testing.KafkaProbe;
import org.socialfeed.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(InfrastructureResource.class)
class NotificationEventsTest {

    @Test
    void aFollowNotifiesTheFolloweeOnceEvenWhenDeliveredTwice() {
        AccountRef alice = EventFeed.account("alice");
        AccountRef bob = EventFeed.account("bob");
        FollowCreated follow = new FollowCreated(bob, alice.id(), false, true, Instant.now());
        String key = bob.id() + ":" + alice.id();
        EventFeed.send(Topics.FOLLOWS, key, FollowCreated.TYPE, follow, "follow-event-" + key);
        EventFeed.send(Topics.FOLLOWS, key, FollowCreated.TYPE, follow, "follow-event-" + key);
        // a later event on the same partition: once it is visible, the duplicate has been handled too
        AccountRef carol = EventFeed.account("carol");
        EventFeed.follow(carol, alice, false, key);

        assertThat(Api.awaitTypes(alice, 2)).containsExactly("follow", "follow");
        JsonPath page = Api.notifications(alice).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("account.id")).containsExactly(carol.id(), bob.id());
        assertThat(page.getString("[1].account.username")).isEqualTo(bob.username());
        assertThat(page.getString("[1].account.acct")).isEqualTo(bob.username());
        assertThat(page.getString("[1].group_key")).startsWith("follow-");
        assertThat(page.getString("[1].created_at")).isNotBlank();
        assertThat(Api.types(bob)).isEmpty();
    }

    @Test
    void likesRepostsRepliesMentionsQuotesAndNewPostsNotifyTheRightAccounts() {
        AccountRef author = EventFeed.account("author");
        AccountRef fan = EventFeed.account("fan");
        AccountRef subscriber = EventFeed.account("subscriber");
        String postId = EventFeed.newId();
        EventFeed.post(postId, author, "hello world", List.of(), null, null, null);

        EventFeed.like(fan, postId, author);
        EventFeed.send(Topics.INTERACTIONS, postId, PostReposted.TYPE, new PostReposted(EventFeed.newId(), fan,
                postId, author.id(), Visibility.PUBLIC, true, Instant.now()));
        assertThat(Api.awaitTypes(author, 2)).containsExactly("reblog", "favourite");
        JsonPath likes = await().atMost(Api.WAIT).until(() -> Api.notifications(author).then().extract().jsonPath(),
                page -> page.getString("[1].status.id") != null);
        assertThat(likes.getString("[1].status.id")).isEqualTo(postId);
        assertThat(likes.getString("[1].status.content")).isEqualTo("<p>hello world</p>");
        assertThat(likes.getString("[1].status.account.id")).isEqualTo(author.id());

        // the subscriber asked to hear of the fan's posts; the fan's reply mentions nobody, then quotes the post
        EventFeed.follow(subscriber, fan, true, subscriber.id() + ":" + fan.id());
        assertThat(Api.awaitTypes(fan, 1)).containsExactly("follow"); // the subscription is known from here on
        String replyId = EventFeed.newId();
        EventFeed.post(replyId, fan, "nice", List.of(), postId, author, null);
        EventFeed.send(Topics.INTERACTIONS, postId, PostReplied.TYPE,
                new PostReplied(replyId, fan, postId, author.id(), Instant.now()));
        assertThat(Api.awaitTypes(author, 3).get(0)).isEqualTo("reply");
        assertThat(Api.awaitTypes(subscriber, 1)).containsExactly("status");

        String quoteId = EventFeed.newId();
        EventFeed.post(quoteId, fan, "look @" + author.username(), List.of(author), null, null, postId);
        assertThat(Api.awaitTypes(author, 4)).containsExactly("mention", "reply", "reblog", "favourite");

        String quote2 = EventFeed.newId();
        EventFeed.post(quote2, fan, "again", List.of(), null, null, postId);
        assertThat(Api.awaitTypes(author, 5).get(0)).isEqualTo("quote");
        assertThat(Api.awaitTypes(subscriber, 3)).containsExactly("status", "status", "status");
        JsonPath mention = Api.as(author).queryParam("types[]", "mention").get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(mention.getList("status.id")).containsExactly(quoteId);
    }

    @Test
    void aDirectPostNotifiesOnlyTheMentionedAndFiltersUnsolicitedPrivateMentions() {
        AccountRef author = EventFeed.account("sender");
        AccountRef friend = EventFeed.account("friend");
        AccountRef stranger = EventFeed.account("stranger");
        AccountRef subscriber = EventFeed.account("subscriber");
        EventFeed.follow(friend, author, false, "follows-" + author.id());
        EventFeed.follow(subscriber, author, true, "follows-" + author.id());
        assertThat(Api.awaitTypes(author, 2)).containsExactly("follow", "follow");

        String direct = EventFeed.newId();
        directPost(direct, author, List.of(friend, stranger), null);
        EventFeed.post(EventFeed.newId(), author, "out loud", List.of(), null, null, null); // same partition, after
        // the subscriber hears of the public post only; the mentioned hear of the direct one
        assertThat(Api.awaitTypes(subscriber, 1)).containsExactly("status");
        assertThat(Api.awaitTypes(friend, 1)).containsExactly("mention");
        assertThat(Api.notifications(friend).then().extract().jsonPath().getString("[0].status.visibility"))
                .isEqualTo("direct");
        // Mastodon's for_private_mentions (filter by default): from an account the stranger does not follow
        JsonPath filtered = await().atMost(Api.WAIT).until(() -> Api.as(stranger)
                .queryParam("include_filtered", true).get("/api/v1/notifications").then().extract().jsonPath(),
                page -> !page.getList("id").isEmpty());
        assertThat(filtered.getList("type")).containsExactly("mention");
        assertThat(filtered.getString("[0].status.id")).isEqualTo(direct);
        assertThat(Api.types(stranger)).isEmpty();

        // an answer to a private mention is no unsolicited one, although the author does not follow the stranger
        String answer = EventFeed.newId();
        directPost(answer, stranger, List.of(author), direct);
        assertThat(Api.awaitTypes(author, 3)).containsExactly("mention", "follow", "follow");
        assertThat(Api.types(subscriber)).containsExactly("status");
    }

    private static void directPost(String postId, AccountRef author, List<AccountRef> mentions, String inReplyToId) {
        EventFeed.send(Topics.POSTS, author.id(), PostCreated.TYPE, new PostCreated(postId, author, "psst",
                "<p>psst</p>", Visibility.DIRECT, inReplyToId, null, null, mentions, List.of(), List.of(),
                Instant.now(), "", false, null));
    }

    @Test
    void aMentionInAnUnlistedPostWithAContentWarningShowsTheWarning() {
        AccountRef mentioned = EventFeed.account("reader");
        AccountRef author = EventFeed.account("critic");
        String postId = EventFeed.newId();
        EventFeed.send(Topics.POSTS, author.id(), PostCreated.TYPE, new PostCreated(postId, author,
                "@reader the ending", "<p>@reader the ending</p>", Visibility.UNLISTED, null, null, null,
                List.of(mentioned), List.of(), List.of(), Instant.now(), "film spoilers", true, "de"));

        assertThat(Api.awaitTypes(mentioned, 1)).containsExactly("mention");
        JsonPath mention = await().atMost(Api.WAIT).until(() -> Api.notifications(mentioned).then().extract()
                .jsonPath(), page -> page.getString("[0].status.id") != null);
        assertThat(mention.getString("[0].status.id")).isEqualTo(postId);
        assertThat(mention.getString("[0].status.spoiler_text")).isEqualTo("film spoilers");
        assertThat(mention.getBoolean("[0].status.sensitive")).isTrue();
        assertThat(mention.getString("[0].status.language")).isEqualTo("de");
        assertThat(mention.getString("[0].status.visibility")).isEqualTo("unlisted");
    }

    @Test
    void aMentionsStatusShowsTheAuthorsProfileTheCountsAndTheReadersOwnInteractions() {
        AccountRef reader = EventFeed.account("counted");
        AccountRef named = EventFeed.account("writer");
        AccountRef author = new AccountRef(named.id(), named.username(), "Writer", "https://cdn.example/w.png", null,
                true, false, true, Instant.parse("2026-02-03T04:05:06Z"), "notes",
                List.of(new ProfileField("web", "https://w.example", null)));
        AccountRef other = EventFeed.account("other");
        String postId = EventFeed.newId();
        EventFeed.post(postId, author, "@reader hello", List.of(reader), null, null, null);
        EventFeed.like(reader, postId, author);
        EventFeed.like(reader, postId, author); // the same like delivered twice counts once
        EventFeed.like(other, postId, author);
        EventFeed.send(Topics.INTERACTIONS, postId, PostReposted.TYPE, new PostReposted(EventFeed.newId(), other,
                postId, author.id(), Visibility.PUBLIC, true, Instant.now()));
        String kept = EventFeed.newId();
        String deleted = EventFeed.newId();
        EventFeed.post(kept, other, "yes", List.of(), postId, author, null);
        EventFeed.post(deleted, other, "no", List.of(), postId, author, null);
        EventFeed.send(Topics.POSTS, other.id(), PostDeleted.TYPE, new PostDeleted(deleted, other.id(), Instant.now()));
        EventFeed.send(Topics.USERS, author.id(), UserUpdated.TYPE, new UserUpdated(new AccountRef(author.id(),
                author.username(), "Writer", author.avatar(), "https://cdn.example/w-header.png", true, false, true,
                author.createdAt(), author.note(), author.fields()), true, Instant.now()));

        String shown = "[0].status.";
        JsonPath page = await().atMost(Api.WAIT).until(() -> Api.as(reader).queryParam("types[]", "mention")
                        .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath(),
                json -> json.getString(shown + "id") != null && json.getInt(shown + "favourites_count") == 2
                        && json.getInt(shown + "reblogs_count") == 1 && json.getInt(shown + "replies_count") == 1
                        && "https://cdn.example/w-header.png".equals(json.getString(shown + "account.header")));
        assertThat(page.getBoolean(shown + "favourited")).isTrue();
        assertThat(page.getBoolean(shown + "reblogged")).isFalse();
        String profile = "https://socialfeed.local/@" + author.username();
        assertThat(page.getString(shown + "uri"))
                .isEqualTo("https://socialfeed.local/users/" + author.username() + "/statuses/" + postId);
        assertThat(page.getString(shown + "url")).isEqualTo(profile + "/" + postId);
        assertThat(page.getString(shown + "mentions[0].url"))
                .isEqualTo("https://socialfeed.local/@" + reader.username());
        assertThat(page.getString(shown + "account.avatar")).isEqualTo("https://cdn.example/w.png");
        assertThat(page.getString(shown + "account.url")).isEqualTo(profile);
        assertThat(page.getBoolean(shown + "account.locked")).isTrue();
        assertThat(page.getString(shown + "account.created_at")).isEqualTo("2026-02-03T00:00:00Z");
        assertThat(page.getString(shown + "account.fields[0].name")).isEqualTo("web");
        assertThat(page.getMap(shown + "account"))
                .doesNotContainKeys("followers_count", "statuses_count", "last_status_at");
        assertThat(page.getMap("[0].status")).doesNotContainKey("text");
    }

    @Test
    void aReplyThatMentionsTheAuthorIsOneMention() {
        AccountRef author = EventFeed.account("op");
        AccountRef replier = EventFeed.account("replier");
        String postId = EventFeed.newId();
        String replyId = EventFeed.newId();
        EventFeed.post(replyId, replier, "@op yes", List.of(author), postId, author, null);
        EventFeed.send(Topics.INTERACTIONS, postId, PostReplied.TYPE,
                new PostReplied(replyId, replier, postId, author.id(), Instant.now()));
        EventFeed.like(replier, postId, author); // after the reply on the same partition
        // the post and the reply travel on different topics: when the reply is read first it is stored as a "reply",
        // and becomes the one "mention" once the post shows that it mentions the author; which of the two
        // consumers stores first decides the order of the mention and the like, not how many there are
        await().atMost(Api.WAIT).untilAsserted(() ->
                assertThat(Api.types(author)).containsExactlyInAnyOrder("favourite", "mention"));
    }

    @Test
    void ownActionsBlockedAndMutedAccountsNeverNotify() {
        AccountRef me = EventFeed.account("me");
        AccountRef blocked = EventFeed.account("blocked");
        AccountRef muted = EventFeed.account("muted");
        AccountRef mutedQuietly = EventFeed.account("quiet");
        AccountRef friend = EventFeed.account("friend");
        String postId = EventFeed.newId();
        String key = "graph-" + me.id();
        EventFeed.send(Topics.FOLLOWS, key, BlockChanged.TYPE,
                new BlockChanged(me.id(), blocked.id(), true, Instant.now()));
        EventFeed.send(Topics.FOLLOWS, key, MuteChanged.TYPE,
                new MuteChanged(me.id(), muted.id(), true, true, Instant.now()));
        EventFeed.send(Topics.FOLLOWS, key, MuteChanged.TYPE,
                new MuteChanged(me.id(), mutedQuietly.id(), true, false, Instant.now()));
        EventFeed.follow(blocked, me, false, key);
        EventFeed.follow(muted, me, false, key);
        EventFeed.follow(mutedQuietly, me, false, key);
        EventFeed.like(me, postId, me);
        EventFeed.follow(friend, me, false, key);

        assertThat(Api.awaitTypes(me, 2)).hasSize(2);
        EventFeed.like(friend, postId, me); // after the own like on the same partition
        Api.awaitTypes(me, 3);
        assertThat(Api.notifications(me).then().extract().jsonPath().<String>getList("account.id"))
                .containsExactly(friend.id(), friend.id(), mutedQuietly.id());
    }

    @Test
    void undoWithdrawsAndDeletedPostsAndSuspendedAccountsDisappear() {
        AccountRef author = EventFeed.account("writer");
        AccountRef fickle = EventFeed.account("fickle");
        AccountRef troll = EventFeed.account("troll");
        String postId = EventFeed.newId();
        String otherPost = EventFeed.newId();
        EventFeed.like(fickle, postId, author);
        EventFeed.like(fickle, otherPost, author);
        EventFeed.follow(troll, author);
        Api.awaitTypes(author, 3);

        EventFeed.send(Topics.INTERACTIONS, postId, PostLiked.TYPE,
                new PostLiked(fickle, postId, author.id(), false, Instant.now()));
        EventFeed.send(Topics.POSTS, author.id(), PostDeleted.TYPE, new PostDeleted(otherPost, author.id(), Instant.now()));
        EventFeed.send(Topics.USERS, troll.id(), UserSuspended.TYPE, new UserSuspended(troll.id(), true, Instant.now()));
        await().atMost(Api.WAIT).until(() -> Api.types(author).isEmpty());

        EventFeed.send(Topics.USERS, troll.id(), UserSuspended.TYPE, new UserSuspended(troll.id(), false, Instant.now()));
        assertThat(Api.awaitTypes(author, 1)).containsExactly("follow");
        EventFeed.send(Topics.FOLLOWS, troll.id() + ":" + author.id(), FollowRemoved.TYPE,
                new FollowRemoved(troll.id(), author.id(), Instant.now()));
        await().atMost(Api.WAIT).until(() -> Api.types(author).isEmpty());
    }

    @Test
    void followRequestsAndRenamedAccounts() {
        AccountRef locked = EventFeed.account("locked");
        AccountRef asker = EventFeed.account("asker");
        EventFeed.send(Topics.FOLLOWS, asker.id() + ":" + locked.id(), FollowRequested.TYPE,
                new FollowRequested(asker, locked.id(), Instant.now()));
        assertThat(Api.awaitTypes(locked, 1)).containsExactly("follow_request");
        EventFeed.send(Topics.USERS, asker.id(), UserUpdated.TYPE,
                new UserUpdated(new org.socialfeed.events.AccountRef(asker.id(), asker.username(), "Renamed"), false,
                        Instant.now()));
        await().atMost(Api.WAIT).until(() -> "Renamed".equals(Api.notifications(locked).then().extract()
                .jsonPath().getString("[0].account.display_name")));
    }

    @Test
    void pagesWithLinkHeadersAndTypeFilters() {
        AccountRef star = EventFeed.account("star");
        for (int i = 0; i < 5; i++) {
            EventFeed.follow(EventFeed.account("f" + i), star, false, "page-" + star.id());
        }
        EventFeed.like(EventFeed.account("liker"), EventFeed.newId(), star);
        Api.awaitTypes(star, 6);

        var first = Api.as(star).queryParam("limit", 2).queryParam("types[]", "follow").get("/api/v1/notifications");
        first.then().statusCode(200);
        List<String> firstIds = first.jsonPath().getList("id");
        assertThat(firstIds).hasSize(2);
        String next = first.header("Link").replaceAll("^<([^>]+)>; rel=\"next\".*$", "$1");
        assertThat(next).contains("max_id=" + firstIds.get(1)).contains("types%5B%5D=follow");
        List<String> secondIds = Api.as(star).urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(secondIds).hasSize(2);
        assertThat(Long.parseLong(secondIds.get(0))).isLessThan(Long.parseLong(firstIds.get(1)));

        List<String> newer = Api.as(star).queryParam("min_id", secondIds.get(1)).queryParam("limit", 2)
                .queryParam("types[]", "follow").get("/api/v1/notifications").jsonPath().getList("id");
        assertThat(newer).containsExactly(firstIds.get(1), secondIds.get(0));
        assertThat(Api.as(star).queryParam("exclude_types[]", "follow").get("/api/v1/notifications")
                .jsonPath().<String>getList("type")).containsExactly("favourite");
    }

    @Test
    void aUserSeesOnlyTheirOwnNotificationsAndNeedsAValidToken() {
        AccountRef owner = EventFeed.account("owner");
        AccountRef other = EventFeed.account("nosy");
        EventFeed.follow(other, owner);
        Api.awaitTypes(owner, 1);
        String id = Api.notifications(owner).jsonPath().getString("[0].id");

        Api.as(owner).get("/api/v1/notifications/" + id).then().statusCode(200).body("type", equalTo("follow"));
        Api.as(other).get("/api/v1/notifications/" + id).then().statusCode(404)
                .spec(ErrorBody.MASTODON);
        Api.as(other).post("/api/v1/notifications/" + id + "/dismiss").then().statusCode(404);
        Api.as(owner).get("/api/v1/notifications/" + id).then().statusCode(200);
        given().get("/api/v1/notifications").then().statusCode(401).spec(ErrorBody.MASTODON);
        given().auth().oauth2(TestTokens.forged(owner.id(), owner.username())).get("/api/v1/notifications")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.expired(owner.id(), owner.username())).get("/api/v1/notifications")
                .then().statusCode(401);
    }

    @Test
    void aLikeAnnouncedTwiceNotifiesOnceAndCanBeWithdrawnAndGivenAgain() {
        AccountRef author = EventFeed.account("author");
        AccountRef fan = EventFeed.account("fan");
        String postId = EventFeed.newId();
        AccountRef later = EventFeed.account("later");
        EventFeed.like(fan, postId, author);
        EventFeed.like(fan, postId, author); // another event id, the same like still open
        EventFeed.like(later, postId, author); // one partition: once it shows, the second like was handled
        await().atMost(Api.WAIT).until(() -> Api.notifications(author).jsonPath().getList("account.id")
                .contains(later.id()));
        assertThat(Api.notifications(author).jsonPath().<String>getList("account.id"))
                .containsExactly(later.id(), fan.id());

        EventFeed.send(Topics.INTERACTIONS, postId, PostLiked.TYPE,
                new PostLiked(fan, postId, author.id(), false, Instant.now()));
        await().atMost(Api.WAIT).until(() -> Api.notifications(author).jsonPath().getList("account.id")
                .equals(List.of(later.id())));
        EventFeed.like(fan, postId, author);
        await().atMost(Api.WAIT).until(() -> Api.notifications(author).jsonPath().getList("account.id")
                .equals(List.of(fan.id(), later.id())));
    }

    @Test
    void subscribersAreNotifiedOfPostsUntilTheyFollowWithoutIt() {
        AccountRef author = EventFeed.account("author");
        AccountRef subscriber = EventFeed.account("subscriber");
        String key = subscriber.id() + ":" + author.id();
        EventFeed.follow(subscriber, author, true, key);
        Api.awaitTypes(author, 1);
        String first = EventFeed.newId();
        EventFeed.post(first, author, "first", List.of(), null, null, null);
        assertThat(Api.awaitTypes(subscriber, 1)).containsExactly("status");

        EventFeed.follow(subscriber, author, false, key); // the same follow, no longer asking for posts
        AccountRef sentinel = EventFeed.account("sentinel");
        EventFeed.follow(sentinel, author, false, key); // one partition: once it shows, the follow before it applied
        await().atMost(Api.WAIT).until(() -> Api.notifications(author).jsonPath().getList("account.id")
                .contains(sentinel.id()));
        // a follow still open is notified once, whatever announces it again
        assertThat(Api.notifications(author).jsonPath().<String>getList("account.id"))
                .containsExactly(sentinel.id(), subscriber.id());
        EventFeed.post(EventFeed.newId(), author, "second", List.of(), null, null, null);
        EventFeed.post(EventFeed.newId(), author, "@subscriber third", List.of(subscriber), null, null, null);
        assertThat(Api.awaitTypes(subscriber, 2)).containsExactly("mention", "status");
    }

    @Test
    void aPoisonRecordAmongFollowsGoesToTheDeadLetterTopicAlone() {
        AccountRef star = EventFeed.account("star");
        String key = "batch-" + star.id();
        EventFeed.follow(EventFeed.account("before"), star, false, key);
        EventFeed.sendRaw(Topics.FOLLOWS, key, FollowCreated.TYPE, "{not json", key);
        EventFeed.follow(EventFeed.account("after"), star, false, key);

        var dead = KafkaProbe.awaitRecord(Topics.deadLetter(Topics.FOLLOWS), r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(dead.value()).isEqualTo("{not json");
        assertThat(Api.awaitTypes(star, 2)).containsExactly("follow", "follow");
    }

    @Test
    void badInputIsAProblemAndPoisonRecordsGoToTheDeadLetterTopic() {
        AccountRef reader = EventFeed.account("reader");
        Api.as(reader).queryParam("max_id", "abc").get("/api/v1/notifications")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        Api.as(reader).queryParam("types[]", "nonsense").get("/api/v1/notifications")
                .then().statusCode(400).spec(ErrorBody.MASTODON);
        Api.as(reader).get("/api/v1/notifications/not-a-number").then().statusCode(404);

        String marker = "poison-" + reader.id();
        EventFeed.sendRaw(Topics.INTERACTIONS, marker, PostLiked.TYPE, "{not json", marker);
        var dead = KafkaProbe.awaitRecord(Topics.deadLetter(Topics.INTERACTIONS), r -> marker.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(dead.value()).isEqualTo("{not json");
        // the consumer goes on after the poison record
        AccountRef fan = EventFeed.account("fan");
        EventFeed.send(Topics.INTERACTIONS, marker, PostLiked.TYPE,
                new PostLiked(fan, "1", reader.id(), true, Instant.now()));
        assertThat(Api.awaitTypes(reader, 1)).containsExactly("favourite");
    }
}
