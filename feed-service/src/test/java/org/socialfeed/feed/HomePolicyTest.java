package org.socialfeed.feed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.socialfeed.feed.PolicyCases.Case;
import org.socialfeed.feed.PolicyCases.Entry;
import org.socialfeed.feed.PolicyCases.Kind;
import org.socialfeed.feed.PolicyCases.Role;
import org.socialfeed.feed.policy.HomeEntry;
import org.socialfeed.feed.policy.HomePolicy;
import org.socialfeed.feed.policy.Reader;

import java.util.Set;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

/** The home policy as a pure function: the case table with no Kafka, Redis or Quarkus. */
class HomePolicyTest {

    @ParameterizedTest(name = "{0}")
    @FieldSource("org.socialfeed.feed.PolicyCases#ALL")
    void decidesAsTheTableSays(Case policyCase) {
        HomePolicy policy = new HomePolicy(id -> policyCase.suspended().stream().anyMatch(role -> id(role).equals(id)));

        assertThat(policy.admits(entry(policyCase.entry()), reader(policyCase))).isEqualTo(policyCase.shown());
    }

    private static String id(Role role) {
        return role.name().toLowerCase();
    }

    private static HomeEntry entry(Entry entry) {
        Set<String> mentions = entry.mentioned() == null ? Set.of() : Set.of(id(entry.mentioned()));
        return switch (entry.shape()) {
            case POST -> new HomeEntry(id(entry.by()), entry.visibility(), null, mentions, null);
            case REPLY -> new HomeEntry(id(entry.by()), entry.visibility(), id(entry.target()), mentions, null);
            case REPOST -> new HomeEntry(id(entry.by()), entry.visibility(), null, mentions, id(entry.target()));
        };
    }

    private static Reader reader(Case policyCase) {
        return new Reader(id(Role.READER),
                objectsOf(policyCase, Kind.FOLLOWS, Kind.FOLLOWS_HIDING_REPOSTS), objectsOf(policyCase, Kind.MUTES),
                objectsOf(policyCase, Kind.BLOCKS),
                policyCase.relations().stream()
                        .filter(relation -> relation.kind() == Kind.BLOCKS && relation.object() == Role.READER)
                        .map(relation -> id(relation.subject())).collect(toSet()),
                objectsOf(policyCase, Kind.FOLLOWS_HIDING_REPOSTS));
    }

    /** The accounts the reader relates to in one of these ways. */
    private static Set<String> objectsOf(Case policyCase, Kind... kinds) {
        Set<Kind> wanted = Set.of(kinds);
        return policyCase.relations().stream()
                .filter(relation -> relation.subject() == Role.READER && wanted.contains(relation.kind()))
                .map(relation -> id(relation.object())).collect(toSet());
    }
}
