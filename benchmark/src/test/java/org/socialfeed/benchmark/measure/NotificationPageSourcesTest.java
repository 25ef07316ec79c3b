package org.socialfeed.benchmark.measure;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPageSourcesTest {

    /** As Quarkus's Prometheus registry writes the counters: doubles, labels with or without a trailing comma. */
    private static final String BEFORE = """
            # HELP social_notifications_pages_total
            # TYPE social_notifications_pages_total counter
            social_notifications_pages_total{source="mongodb"} 12.0
            social_notifications_pages_total{source="redis"} 1.0E3
            social_notifications_pages_total{source="none-mongodb-busy"} 0.0
            # TYPE social_notifications_pages_missed_total counter
            social_notifications_pages_missed_total{reason="not-built"} 12.0
            social_notifications_pages_missed_total{reason="account-missing"} 0.0
            http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/q/health",} 3.0
            """;

    private static final String AFTER = """
            social_notifications_pages_total{source="mongodb",} 15.0
            social_notifications_pages_total{source="redis",} 1250.0
            social_notifications_pages_total{source="none-mongodb-busy",} 1.0
            social_notifications_pages_missed_total{reason="not-built",} 12.0
            social_notifications_pages_missed_total{reason="account-missing",} 4.0
            """;

    @Test
    void readsTheCountersByLabelAndLeavesOtherMetricsOut() {
        NotificationPageSources.Counts counts = NotificationPageSources.Counts.parse(BEFORE);

        assertThat(counts.bySource()).isEqualTo(Map.of("mongodb", 12L, "redis", 1_000L, "none-mongodb-busy", 0L));
        assertThat(counts.missedByReason()).isEqualTo(Map.of("not-built", 12L, "account-missing", 0L));
    }

    @Test
    void aPhaseCountsWhatGrewDuringIt() {
        NotificationPageSources.Counts phase = NotificationPageSources.Counts.parse(AFTER)
                .since(NotificationPageSources.Counts.parse(BEFORE));

        assertThat(phase.source("redis")).isEqualTo(250);
        assertThat(phase.source("mongodb")).isEqualTo(3);
        assertThat(phase.source("none-mongodb-busy")).isEqualTo(1);
        assertThat(phase.missedByReason()).isEqualTo(Map.of("account-missing", 4L));
    }
}
