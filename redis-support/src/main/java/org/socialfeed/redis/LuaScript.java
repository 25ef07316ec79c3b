package org.socialfeed.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so the body crosses the network only when Redis has forgotten it
 * (after a restart or {@code SCRIPT FLUSH}); queued in a pipeline, it goes with its body (see {@link #queue}).
 */
public final class LuaScript {

    private final String body;
    private final String sha;

    public LuaScript(String body) {
        this.body = body;
        this.sha = sha1(body);
    }

    /** Runs the script once and waits for its answer. */
    public <T> T run(RedisConnection connection, ScriptOutputType output, String[] keys,
                     String... args) {
        try {
            return connection.sync().evalsha(sha, output, keys, args);
        } catch (RedisNoScriptException e) {
            return connection.sync().eval(body, output, keys, args);
        }
    }

    /**
     * Queues the script with its body ({@code EVAL}), routed by its keys like any command: no node needs to know it
     * beforehand, so a pipeline survives a failover to a replica that never loaded it, and no {@code SCRIPT LOAD} has
     * to reach every node of a cluster (one that is down fails it).
     */
    public <T> RedisFuture<T> queue(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType output,
                                    String[] keys, String... args) {
        return commands.eval(body, output, keys, args);
    }

    /** Runs the script on a connection that sends at once, without waiting. */
    public <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> commands, ScriptOutputType output,
                                      String[] keys, String... args) {
        return orBody(commands.evalsha(sha, output, keys, args), () -> commands.eval(body, output, keys, args));
    }

    /**
     * Sends the script by SHA as a round trip of its own on a read's connection, without waiting; if Redis has
     * forgotten the script, sends its body once more.
     */
    public <T> CompletionStage<T> call(RedisReads.Connection redis, ScriptOutputType output, String[] keys,
                                       String... args) {
        CompletionStage<T> answer = redis.commands().evalsha(sha, output, keys, args);
        redis.send();
        return orBody(answer, () -> {
            CompletionStage<T> evaluated = redis.commands().eval(body, output, keys, args);
            redis.send();
            return evaluated;
        });
    }

    /** The answer, or if Redis had forgotten the script, the answer to sending its body. */
    private static <T> CompletionStage<T> orBody(CompletionStage<T> answer, Supplier<CompletionStage<T>> withBody) {
        return answer.exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            return cause instanceof RedisNoScriptException ? withBody.get() : CompletableFuture.failedFuture(cause);
        });
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
