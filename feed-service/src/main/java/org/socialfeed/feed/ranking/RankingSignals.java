package org.socialfeed.feed.ranking;

import io.lettuce.core.ScriptOutputType;
import jakarta.enterprise.context.ApplicationScoped;
import org.socialfeed.events.AccountRef;
import org.socialfeed.events.PostCreated;
import org.socialfeed.feed.graph.Celebrities;
import org.socialfeed.feed.graph.FollowGraph;
import org.socialfeed.redis.LuaScript;
import org.socialfeed.feed.redis.Pipeline;
import org.socialfeed.feed.redis.Pipelines;
import org.socialfeed.feed.redis.RedisKeys;
import org.socialfeed.feed.timeline.ActiveReaders;
import org.socialfeed.ranking.Decay;
import org.socialfeed.ranking.Interaction;
import org.socialfeed.redis.RedisConnection;
import org.socialfeed.support.id.SnowflakeIds;

import java.time.Instant;
import java.util.List;

/**
 * The ranked home timeline's write side (ADR 21): what the events say about readers' tastes, kept per reader and
 * bounded. Every write is idempotent, so a redelivered or replayed event counts once: an interaction is a member
 * named after its post ({@code authorId:code:postId}) and moves the affinity only when it is added or removed; an
 * endorsement is a member {@code postId:actorId}.
 * <ul>
 *   <li>Author affinity: the reader's likes, reposts, replies and mentions of an author, each weighted
 *   ({@link Interaction}) and decaying ({@link Decay}); the interactions that count least today are dropped past
 *   {@code interactions-kept}, and take their weight out of the affinity with them.</li>
 *   <li>Social proof: a like or repost goes to the endorsement set of each active follower of its actor, newest
 *   posts kept; a celebrity's (merged at read time, never fanned out) is not fanned out either.</li>
 * </ul>
 */
@ApplicationScoped
public class RankingSignals {

    /**
     * KEYS: the reader's interactions, their affinity (one hash tag). ARGV: member, author, weight on the decay
     * scale, 1 add / 0 remove, interactions kept.
     */
    private static final LuaScript INTERACTION = new LuaScript("""
            local function forget(member, weight)
              local author = string.match(member, '^[^:]+')
              if tonumber(redis.call('ZINCRBY', KEYS[2], -weight, author)) <= weight * 1e-9 then
                redis.call('ZREM', KEYS[2], author)
              end
            end
            if ARGV[4] == '1' then
              if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1]) == 1 then
                redis.call('ZINCRBY', KEYS[2], ARGV[3], ARGV[2])
              end
            else
              local weight = redis.call('ZSCORE', KEYS[1], ARGV[1])
              if weight then
                redis.call('ZREM', KEYS[1], ARGV[1])
                forget(ARGV[1], tonumber(weight))
              end
            end
            local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[5])
            if excess > 0 then
              local weakest = redis.call('ZRANGE', KEYS[1], 0, excess - 1, 'WITHSCORES')
              for i = 1, #weakest, 2 do
                redis.call('ZREM', KEYS[1], weakest[i])
                forget(weakest[i], tonumber(weakest[i + 1]))
              end
            end
            return 1
            """);

    /**
     * KEYS: the reader's endorsed posts. ARGV: member, post id, 1 add / 0 remove, oldest post id kept, members kept,
     * time to live in seconds.
     */
    private static final LuaScript ENDORSEMENT = new LuaScript("""
            if ARGV[3] == '1' then
              redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            else
              redis.call('ZREM', KEYS[1], ARGV[1])
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            return 1
            """);

    private final RedisConnection redis;
    private final Pipelines pipelines;
    private final FollowGraph graph;
    private final Celebrities celebrities;
    private final ActiveReaders readers;
    private final RankingConfig config;
    private final Decay decay;

    public RankingSignals(RedisConnection redis, Pipelines pipelines, FollowGraph graph, Celebrities celebrities,
                          ActiveReaders readers, RankingConfig config) {
        this.redis = redis;
        this.pipelines = pipelines;
        this.graph = graph;
        this.celebrities = celebrities;
        this.readers = readers;
        this.config = config;
        this.decay = new Decay(config.affinityHalfLife());
    }

    /** A like or unlike: the liker's affinity to the author and, live, social proof for the liker's followers. */
    public void liked(String actorId, String postId, String authorId, boolean liked, Instant at, boolean replay) {
        interacted(actorId, authorId, Interaction.LIKE, postId, liked, at);
        if (!replay) {
            endorse(actorId, postId, liked);
        }
    }

    /** A repost or its undoing: as a like, weighing more. */
    public void reposted(String actorId, String postId, String authorId, boolean reposted, Instant at,
                         boolean replay) {
        interacted(actorId, authorId, Interaction.REPOST, postId, reposted, at);
        if (!replay) {
            endorse(actorId, postId, reposted);
        }
    }

    /** A new post: its author's affinity to the account replied to and to each account mentioned. */
    public void posted(PostCreated post) {
        String authorId = post.author().id();
        Instant at = post.createdAt();
        if (post.inReplyToAccountId() != null) {
            interacted(authorId, post.inReplyToAccountId(), Interaction.REPLY, post.postId(), true, at);
        }
        if (post.mentions() != null) {
            for (AccountRef mentioned : post.mentions()) {
                interacted(authorId, mentioned.id(), Interaction.MENTION, post.postId(), true, at);
            }
        }
    }

    private void interacted(String readerId, String authorId, Interaction interaction, String postId, boolean added,
                            Instant at) {
        if (readerId.equals(authorId)) {
            return; // one's own posts say nothing about whom one likes
        }
        long atMillis = (at == null ? Instant.now() : at).toEpochMilli();
        INTERACTION.run(redis, ScriptOutputType.INTEGER,
                new String[]{RedisKeys.interactions(readerId), RedisKeys.affinity(readerId)},
                authorId + ":" + interaction.code() + ":" + postId, authorId,
                String.valueOf(decay.grown(interaction.weight(), atMillis)), added ? "1" : "0",
                String.valueOf(config.interactionsKept()));
    }

    /** Records the endorsement for each active follower of the actor, one script per follower, pipelined. */
    private void endorse(String actorId, String postId, boolean added) {
        if (celebrities.isCelebrity(actorId)) {
            return;
        }
        List<String> followers = readers.activeAmong(graph.followers(actorId));
        if (followers.isEmpty()) {
            return;
        }
        String[] args = {postId + ":" + actorId, postId, added ? "1" : "0",
                String.valueOf(SnowflakeIds.floorAt(Instant.now().minus(config.endorsementWindow()))),
                String.valueOf(config.endorsementsKept()), String.valueOf(config.endorsementWindow().toSeconds())};
        Pipeline pipeline = pipelines.open();
        for (String follower : followers) {
            pipeline.add(commands -> ENDORSEMENT.queue(commands, ScriptOutputType.INTEGER,
                    new String[]{RedisKeys.endorsed(follower)}, args));
        }
        pipeline.sync();
    }
}
