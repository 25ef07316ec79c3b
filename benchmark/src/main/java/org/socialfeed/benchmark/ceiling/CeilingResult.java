package org.socialfeed.benchmark.ceiling;

/**
 * The most an underlying component did on this machine in this run.
 *
 * @param name   what was measured, e.g. {@code redis ZADD pipelined}
 * @param method how: {@code redis-benchmark} (Debian's redis-tools), the harness's own Lettuce client, or the
 *               harness's HTTP client
 * @param detail the exact command or setup, so the figure can be reproduced
 */
public record CeilingResult(String name, double opsPerSecond, String method, String detail) {
}
