package org.socialfeed.benchmark.api;

/** A registered account the harness acts as: its index in the generated graph, its id and its bearer token. */
public record Account(int index, String id, String username, String token) {
}
