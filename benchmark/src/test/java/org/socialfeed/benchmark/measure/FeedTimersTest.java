package org.socialfeed.benchmark.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedTimersTest {

    /** As Quarkus's Prometheus registry writes feed-service's timers (percentiles, a histogram, max), abridged. */
    private static final String BEFORE = """
            # TYPE social_feed_posts_delivery_seconds histogram
            social_feed_posts_delivery_seconds{quantile="0.5"} 0.1
            social_feed_posts_delivery_seconds_bucket{le="0.1"} 10.0
            social_feed_posts_delivery_seconds_bucket{le="1.0"} 10.0
            social_feed_posts_delivery_seconds_bucket{le="+Inf"} 10.0
            social_feed_posts_delivery_seconds_count 10.0
            social_feed_posts_delivery_seconds_sum 0.5
            social_feed_posts_delivery_seconds_max 0.09
            social_feed_events_delay_seconds_bucket{topic="posts.events",le="0.1"} 4.0
            social_feed_events_delay_seconds_bucket{topic="posts.events",le="+Inf"} 4.0
            social_feed_events_delay_seconds_count{topic="posts.events"} 4.0
            social_feed_events_delay_seconds_sum{topic="posts.events"} 0.2
            social_feed_events_delay_seconds_count{topic="users.events"} 3.0
            social_feed_events_delay_seconds_sum{topic="users.events"} 0.03
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/q/health",} 3.0
            """;

    /** 100 more posts: 90 within 0.1 s, 9 more within 1 s, 1 beyond; the posts topic's records, the users' none. */
    private static final String AFTER = """
            social_feed_posts_delivery_seconds_bucket{le="0.1"} 100.0
            social_feed_posts_delivery_seconds_bucket{le="1.0"} 109.0
            social_feed_posts_delivery_seconds_bucket{le="+Inf"} 110.0
            social_feed_posts_delivery_seconds_count 110.0
            social_feed_posts_delivery_seconds_sum 20.5
            social_feed_events_delay_seconds_bucket{topic="posts.events",le="0.1",} 4.0
            social_feed_events_delay_seconds_bucket{topic="posts.events",le="+Inf",} 54.0
            social_feed_events_delay_seconds_count{topic="posts.events",} 54.0
            social_feed_events_delay_seconds_sum{topic="posts.events",} 100.2
            social_feed_events_delay_seconds_count{topic="users.events"} 3.0
            social_feed_events_delay_seconds_sum{topic="users.events"} 0.03
            """;

    @Test
    void aPhaseGetsTheCountMeanAndPercentilesOfWhatWasRecordedInIt() {
        List<FeedTimers.Hop> hops = FeedTimers.Snapshot.parse(AFTER).since(FeedTimers.Snapshot.parse(BEFORE));

        assertThat(hops).containsExactly(
                new FeedTimers.Hop("events.delay", "posts.events", 50, 2_000, Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY),
                new FeedTimers.Hop("posts.delivery", "", 100, 200, 100, 1_000));
    }

    @Test
    void aServiceThatDoesNotAnswerGivesNoHops() {
        assertThat(FeedTimers.Snapshot.parse("").since(FeedTimers.Snapshot.parse(BEFORE))).isEmpty();
    }
}
