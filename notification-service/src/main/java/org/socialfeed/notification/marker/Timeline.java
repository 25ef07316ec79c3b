package org.socialfeed.notification.marker;

import java.util.Arrays;
import java.util.Optional;

/** The timelines Mastodon keeps read markers for, each in a collection of its own (one document per user). */
public enum Timeline {
    HOME("home", "a status", "home_markers"),
    /** Its collection predates the home marker's, hence the plain name. */
    NOTIFICATIONS("notifications", "a notification", "markers");

    private final String apiName;
    private final String marks;
    private final String collection;

    Timeline(String apiName, String marks, String collection) {
        this.apiName = apiName;
        this.marks = marks;
        this.collection = collection;
    }

    public String apiName() {
        return apiName;
    }

    /** What a marker of this timeline points at. */
    String marks() {
        return marks;
    }

    String collection() {
        return collection;
    }

    public static Optional<Timeline> fromApiName(String name) {
        return Arrays.stream(values()).filter(timeline -> timeline.apiName.equals(name)).findFirst();
    }
}
