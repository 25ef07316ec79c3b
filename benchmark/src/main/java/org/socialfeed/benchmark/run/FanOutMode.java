package org.socialfeed.benchmark.run;

/**
 * The three ways feed-service can be configured, all through its celebrity threshold (authors with more followers
 * than the threshold are not fanned out; their posts are merged in when a timeline is read).
 */
public enum FanOutMode {
    HYBRID("hybrid", "fan-out on write below the threshold, merge on read above it"),
    WRITE("write", "pure fan-out on write (threshold above every follower count)"),
    READ("read", "pure fan-out on read (threshold 0: every post merged at read time)");

    private final String label;
    private final String description;

    FanOutMode(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public long threshold(long hybridThreshold) {
        return switch (this) {
            case HYBRID -> hybridThreshold;
            case WRITE -> Integer.MAX_VALUE;
            case READ -> 0;
        };
    }

    public static FanOutMode parse(String label) {
        for (FanOutMode mode : values()) {
            if (mode.label.equalsIgnoreCase(label.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + label + "' (hybrid, write or read)");
    }
}
