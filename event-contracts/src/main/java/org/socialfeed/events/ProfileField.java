package org.socialfeed.events;

import java.time.Instant;

/**
 * One of an account's profile fields (Mastodon's Field): a name and a value as the owner wrote them.
 *
 * @param verifiedAt when the value's link was verified to point back at the profile; null (links are not verified)
 */
public record ProfileField(String name, String value, Instant verifiedAt) {
}
