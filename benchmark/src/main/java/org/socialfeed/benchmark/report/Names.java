package org.socialfeed.benchmark.report;

/** Names of phases and operations, shared by the runs that record them and the report that reads them. */
public final class Names {

    public static final String HOME = "read-home-timeline";
    public static final String USER_TIMELINE = "read-user-timeline";
    public static final String COMPOSE = "compose-post";
    public static final String LIKE = "like";
    public static final String FOLLOW = "follow";
    public static final String MIX = "mix-60-30-10";
    public static final String MIX_SATURATION = MIX + "-saturation";
    /** The mix at 70% of its saturated rate, with delivery probes among its posts. */
    public static final String MIX_DELIVERY = MIX + "-delivery";
    public static final String HOME_SATURATION = HOME + "-saturation";
    public static final String POST_STATUS = "post-status";
    public static final String POSTING_SATURATION = "posting-saturation";
    public static final String POSTING_OPEN_LOOP = "posting-open-loop";
    public static final String HTTP_CEILING = "http ceiling (feed-service /q/health/live)";
    public static final String ZADD_CEILING = "redis ZADD pipelined";
    public static final String ZREVRANGE_CEILING = "redis ZREVRANGE 0 19 pipelined";
    public static final String HYBRID = "hybrid";

    private Names() {
    }
}
