package org.socialfeed.benchmark.report;

/**
 * The read endpoints every mode measures the same way: saturated by the keep-alive client (closed loop), then
 * offered {@link #OPEN_LOOP_SHARE} of that rate in an open loop for the latency a service shows below its limit.
 */
public enum ReadEndpoint {
    HOME(Names.HOME, "GET /api/v1/timelines/home?limit=20", "feed-service"),
    /**
     * Issue 18: first pages, ranked anew or, with nothing changed within 5 s, the reader's stored ranking again
     * (feed-service's ADR 37); the report says how many of each.
     */
    HOME_RANKED("read-home-ranked", "GET /api/v1/timelines/home/ranked?limit=20 (first pages)",
            "feed-service"),
    ACCOUNT_STATUSES("read-account-statuses", "GET /api/v1/accounts/{id}/statuses?limit=20", "post-service"),
    NOTIFICATIONS_V1("read-notifications-v1", "GET /api/v1/notifications?limit=40", "notification-service"),
    NOTIFICATIONS_V2("read-notifications-v2", "GET /api/v2/notifications?limit=40 (grouped)",
            "notification-service");

    /** The open-loop phase offers this share of the endpoint's saturated rate. */
    public static final double OPEN_LOOP_SHARE = 0.7;

    private final String operation;
    private final String request;
    private final String service;

    ReadEndpoint(String operation, String request, String service) {
        this.operation = operation;
        this.request = request;
        this.service = service;
    }

    /** The operation's name in the phases and the report. */
    public String operation() {
        return operation;
    }

    public String request() {
        return request;
    }

    /** The service that answers it (and is profiled during its saturation phase). */
    public String service() {
        return service;
    }

    public String saturationPhase() {
        return operation + "-saturation";
    }

    public String openLoopPhase() {
        return operation + "-at-" + Math.round(OPEN_LOOP_SHARE * 100) + "%";
    }

    public boolean isNotifications() {
        return this == NOTIFICATIONS_V1 || this == NOTIFICATIONS_V2;
    }
}
