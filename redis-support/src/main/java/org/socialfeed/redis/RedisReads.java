package org.socialfeed.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few connections that hot reads spread over, round robin. Lettuce encodes and decodes a connection's commands on
 * that connection's one I/O thread, so a single connection caps a read-heavy service at one core.
 */
public final class RedisReads {

    private final List<StatefulRedisConnection<String, String>> connections;
    private final AtomicInteger next = new AtomicInteger();

    RedisReads(List<StatefulRedisConnection<String, String>> connections) {
        this.connections = List.copyOf(connections);
    }

    /** The commands of the next connection; queue one read's round trip on it. */
    public RedisAsyncCommands<String, String> async() {
        return connections.get(Math.floorMod(next.getAndIncrement(), connections.size())).async();
    }
}
