package org.socialfeed.benchmark.report;

/**
 * notification-service in a mode: the readers given notifications over HTTP (mentions, likes, follows by other
 * actors) and the size of their first page, and whether its consumer group kept up with the graph's follow events:
 * {@code lagAfterLoad} records behind once the loader stopped waiting ({@code caughtUp} if none), {@code lagAtEnd}
 * when the mode's phases were done.
 */
public record NotificationLoad(int readers, long interactionsOverHttp, double meanV1PageSize, double meanV2PageSize,
                               boolean caughtUp, double waitedSeconds, long lagAfterLoad, long lagAtEnd) {

    public NotificationLoad withLagAtEnd(long lag) {
        return new NotificationLoad(readers, interactionsOverHttp, meanV1PageSize, meanV2PageSize, caughtUp,
                waitedSeconds, lagAfterLoad, lag);
    }
}
