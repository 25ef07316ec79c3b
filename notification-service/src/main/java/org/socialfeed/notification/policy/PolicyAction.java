package org.socialfeed.notification.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Mastodon 4.3's notification policy values, from least to most severe. */
public enum PolicyAction {
    ACCEPT, FILTER, DROP;

    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PolicyAction parse(String value) {
        for (PolicyAction action : values()) {
            if (action.apiName().equals(value)) {
                return action;
            }
        }
        throw new IllegalArgumentException("must be one of accept, filter, drop");
    }

    public PolicyAction atLeast(PolicyAction other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
