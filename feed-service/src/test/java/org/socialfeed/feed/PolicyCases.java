package org.socialfeed.feed;

import org.socialfeed.events.Visibility;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.socialfeed.feed.PolicyCases.Kind.BLOCKS;
import static org.socialfeed.feed.PolicyCases.Kind.FOLLOWS;
import static org.socialfeed.feed.PolicyCases.Kind.FOLLOWS_HIDING_REPOSTS;
import static org.socialfeed.feed.PolicyCases.Kind.MUTES;
import static org.socialfeed.feed.PolicyCases.Role.AUTHOR;
import static org.socialfeed.feed.PolicyCases.Role.OTHER;
import static org.socialfeed.feed.PolicyCases.Role.READER;
import static org.socialfeed.feed.PolicyCases.Shape.POST;
import static org.socialfeed.feed.PolicyCases.Shape.REPLY;
import static org.socialfeed.feed.PolicyCases.Shape.REPOST;

/**
 * The home policy's table of cases, shared by the plain unit test of the policy and by the tests of every path
 * that asks it (fan-out, celebrity merge, rebuild), so all of them are held to the same answers. Three accounts per
 * case: the reader, the author (who posts, replies or reposts) and another account (replied to, reposted, mentioned).
 */
final class PolicyCases {

    enum Role { READER, AUTHOR, OTHER }

    enum Kind { FOLLOWS, FOLLOWS_HIDING_REPOSTS, MUTES, BLOCKS }

    enum Shape { POST, REPLY, REPOST }

    record Relation(Role subject, Kind kind, Role object) {
    }

    /**
     * @param by         who posts the entry (or reposts, for a repost)
     * @param target     the account replied to, or whose post is reposted; null for a post
     * @param visibility the post's, or the original's for a repost
     * @param mentioned  an account the post (or the reposted original) mentions, or null
     */
    record Entry(Role by, Shape shape, Role target, Visibility visibility, Role mentioned) {
    }

    /**
     * @param suspended accounts suspended before the entry is posted
     * @param shown     whether the entry is in the reader's home timeline
     */
    record Case(String name, Entry entry, List<Relation> relations, Set<Role> suspended, boolean shown) {

        @Override
        public String toString() {
            return name;
        }

        /**
         * The reader follows the reposted account, so the original itself is in their timeline and the repost is then
         * dropped by the repost de-duplication (REBLOG_FALLOFF), a rule of the timelines rather than of the policy.
         */
        boolean originalReachesReaderToo() {
            return entry.shape() == REPOST && relations.contains(new Relation(READER, FOLLOWS, entry.target()));
        }
    }

    static final List<Case> ALL = List.of(
            shown("post by a followed account", post(), follows(AUTHOR)),
            hidden("post by an account the reader does not follow", post()),
            shown("the reader's own post", new Entry(READER, POST, null, Visibility.PUBLIC, null)),
            shown("the reader's own reply to an account they do not follow",
                    new Entry(READER, REPLY, OTHER, Visibility.PUBLIC, null)),
            shown("reply to an account the reader follows", reply(OTHER), follows(AUTHOR), follows(OTHER)),
            hidden("reply to an account the reader does not follow", reply(OTHER), follows(AUTHOR)),
            shown("reply to the reader", reply(READER), follows(AUTHOR)),
            shown("self-reply (a thread)", reply(AUTHOR), follows(AUTHOR)),
            shown("repost of an account the reader does not follow", repost(OTHER), follows(AUTHOR)),
            shown("repost of an account the reader follows", repost(OTHER), follows(AUTHOR), follows(OTHER)),
            hidden("repost of the reader's own post", repost(READER), follows(AUTHOR)),
            hidden("repost by an account whose reposts the reader turned off", repost(OTHER),
                    new Relation(READER, FOLLOWS_HIDING_REPOSTS, AUTHOR)),
            shown("post by an account whose reposts the reader turned off", post(),
                    new Relation(READER, FOLLOWS_HIDING_REPOSTS, AUTHOR)),
            hidden("post by a muted account", post(), follows(AUTHOR), reader(MUTES, AUTHOR)),
            hidden("post by a blocked account", post(), follows(AUTHOR), reader(BLOCKS, AUTHOR)),
            hidden("post by an account that blocked the reader", post(), follows(AUTHOR),
                    new Relation(AUTHOR, BLOCKS, READER)),
            hidden("repost of a muted account", repost(OTHER), follows(AUTHOR), reader(MUTES, OTHER)),
            hidden("repost of a blocked account", repost(OTHER), follows(AUTHOR), reader(BLOCKS, OTHER)),
            hidden("repost of an account that blocked the reader", repost(OTHER), follows(AUTHOR),
                    new Relation(OTHER, BLOCKS, READER)),
            hidden("post mentioning a blocked account", mentioning(OTHER), follows(AUTHOR), reader(BLOCKS, OTHER)),
            hidden("post mentioning a muted account", mentioning(OTHER), follows(AUTHOR), reader(MUTES, OTHER)),
            shown("post mentioning an account that blocked the reader", mentioning(OTHER), follows(AUTHOR),
                    new Relation(OTHER, BLOCKS, READER)),
            hidden("reply to the reader by a muted account", reply(READER), follows(AUTHOR), reader(MUTES, AUTHOR)),
            shown("followers-only post by a followed account", privatePost(), follows(AUTHOR)),
            hidden("followers-only post by an account the reader does not follow", privatePost()),
            shown("unlisted post by a followed account", unlistedPost(), follows(AUTHOR)),
            hidden("unlisted post by an account the reader does not follow", unlistedPost()),
            shown("repost of an unlisted post", new Entry(AUTHOR, REPOST, OTHER, Visibility.UNLISTED, null),
                    follows(AUTHOR)),
            shown("the author's repost of their own followers-only post",
                    new Entry(AUTHOR, REPOST, AUTHOR, Visibility.PRIVATE, null), follows(AUTHOR)),
            hidden("direct post to someone else, by a followed account", direct(OTHER), follows(AUTHOR)),
            shown("direct post mentioning the reader, by a followed account", direct(READER), follows(AUTHOR)),
            hidden("direct post mentioning the reader, by an account the reader does not follow", direct(READER)),
            shown("the reader's own direct post", new Entry(READER, POST, null, Visibility.DIRECT, OTHER)),
            shown("direct reply to the reader, mentioning them", new Entry(AUTHOR, REPLY, READER, Visibility.DIRECT,
                    READER), follows(AUTHOR)),
            hidden("direct post mentioning the reader, by a muted account", direct(READER), follows(AUTHOR),
                    reader(MUTES, AUTHOR)),
            hidden("direct post mentioning the reader, by an account that blocked them", direct(READER),
                    follows(AUTHOR), new Relation(AUTHOR, BLOCKS, READER)),
            new Case("post by a suspended account", post(), List.of(follows(AUTHOR)), EnumSet.of(AUTHOR), false),
            new Case("repost of a suspended account", repost(OTHER), List.of(follows(AUTHOR)), EnumSet.of(OTHER),
                    false));

    private PolicyCases() {
    }

    private static Case shown(String name, Entry entry, Relation... relations) {
        return new Case(name, entry, List.of(relations), Set.of(), true);
    }

    private static Case hidden(String name, Entry entry, Relation... relations) {
        return new Case(name, entry, List.of(relations), Set.of(), false);
    }

    private static Relation follows(Role followee) {
        return reader(FOLLOWS, followee);
    }

    private static Relation reader(Kind kind, Role object) {
        return new Relation(READER, kind, object);
    }

    private static Entry post() {
        return new Entry(AUTHOR, POST, null, Visibility.PUBLIC, null);
    }

    private static Entry privatePost() {
        return new Entry(AUTHOR, POST, null, Visibility.PRIVATE, null);
    }

    private static Entry unlistedPost() {
        return new Entry(AUTHOR, POST, null, Visibility.UNLISTED, null);
    }

    private static Entry direct(Role mentioned) {
        return new Entry(AUTHOR, POST, null, Visibility.DIRECT, mentioned);
    }

    private static Entry mentioning(Role mentioned) {
        return new Entry(AUTHOR, POST, null, Visibility.PUBLIC, mentioned);
    }

    private static Entry reply(Role repliedTo) {
        return new Entry(AUTHOR, REPLY, repliedTo, Visibility.PUBLIC, null);
    }

    private static Entry repost(Role original) {
        return new Entry(AUTHOR, REPOST, original, Visibility.PUBLIC, null);
    }
}
