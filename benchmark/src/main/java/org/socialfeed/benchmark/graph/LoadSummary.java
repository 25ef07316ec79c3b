package org.socialfeed.benchmark.graph;

/**
 * How the graph got into the system, and what went through which door: accounts, their follows and the seed posts
 * through the services' HTTP APIs, passive followers as follow events straight to Kafka.
 */
public record LoadSummary(int accountsOverHttp, double registerSeconds,
                          long followsOverHttp, double followSeconds,
                          long followsOverKafka, int syntheticAccounts, double kafkaSeconds,
                          long seedPostsOverHttp, double seedSeconds,
                          boolean feedCaughtUp, double feedCatchUpSeconds,
                          int probeAuthorFollowers, java.util.List<Integer> celebrityFollowers,
                          long syntheticMarkedActive) {

    /** The same summary, noting that {@code count} synthetic accounts were marked as active readers in Redis. */
    public LoadSummary withSyntheticMarkedActive(long count) {
        return new LoadSummary(accountsOverHttp, registerSeconds, followsOverHttp, followSeconds, followsOverKafka,
                syntheticAccounts, kafkaSeconds, seedPostsOverHttp, seedSeconds, feedCaughtUp, feedCatchUpSeconds,
                probeAuthorFollowers, celebrityFollowers, count);
    }
}
