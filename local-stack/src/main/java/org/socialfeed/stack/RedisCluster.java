package org.socialfeed.stack;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of redis-server processes (the same binary as {@link RedisNode}, with the same compact
 * encoding setting on every node): some primaries sharing the 16384 slots evenly, and replicas, each following one
 * primary. The binary comes without redis-cli, so the cluster is formed with plain cluster commands: CLUSTER MEET,
 * CLUSTER ADDSLOTS, CLUSTER REPLICATE, then a wait until every node reports {@code cluster_state:ok} and all agree
 * on who holds which slots. Formed afresh on every start, as the single node starts empty too.
 */
public final class RedisCluster implements AutoCloseable {

    public static final int SLOTS = 16384;
    /**
     * How long a node may stay silent before the others count it as failed and a replica takes over: short, so a
     * failover in a test takes seconds (Redis' default is 15 s).
     */
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);
    /** Redis 6.2 talks to other nodes on the node's port plus this; it has no option to choose that port. */
    private static final int BUS_PORT_OFFSET = 10000;
    private static final int FIRST_EPHEMERAL_PORT = 32768;
    private static final Duration FORMING_TIMEOUT = Duration.ofSeconds(30);
    private static final String HOST = "127.0.0.1";

    /** One redis-server of the cluster; {@code primary} is its role when the cluster was formed. */
    public record Node(int port, ManagedProcess process, boolean primary) {
        public String uri() {
            return RedisNode.uri(port);
        }
    }

    private final List<Node> nodes;

    private RedisCluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts one node on each of {@code ports} and forms a cluster of them: the first {@code primaries} ports are
     * primaries, every further one a replica of a primary in turn. Each node keeps its data in a directory of its
     * own under {@code dataDirectory}.
     */
    public static RedisCluster start(List<Integer> ports, int primaries, Path dataDirectory, Path logDirectory)
            throws IOException {
        if (primaries < 1 || ports.size() < primaries) {
            throw new IllegalArgumentException(ports.size() + " ports cannot hold " + primaries + " primaries");
        }
        List<Node> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int index = 0; index < ports.size(); index++) {
                int port = ports.get(index);
                Path directory = dataDirectory.resolve(String.valueOf(port));
                Files.deleteIfExists(directory.resolve("nodes.conf"));
                nodes.add(new Node(port, RedisNode.start("redis-" + port, port, directory, logDirectory, List.of(
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT.toMillis()))), index < primaries));
            }
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * {@code count} ports that are free now together with their cluster bus ports (port + 10000), chosen at random
     * from a range where both lie below Linux's ephemeral ports (32768 and up by default): a port in that range
     * could be taken by any outgoing connection between this check and the node's start (it happened in CI).
     */
    public static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = ThreadLocalRandom.current().nextInt(10000, FIRST_EPHEMERAL_PORT - BUS_PORT_OFFSET);
            if (!ports.contains(port) && isFree(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    /** {@code count} consecutive ports from {@code first}, failing with the taken one if any of them (or its bus port) is. */
    public static List<Integer> portsFrom(int first, int count) {
        List<Integer> ports = IntStream.range(first, first + count).boxed().toList();
        ports.stream().filter(port -> !isFree(port)).findFirst().ifPresent(port -> {
            throw new IllegalStateException("Port " + port + " or its cluster bus port " + (port + BUS_PORT_OFFSET)
                    + " is already in use by another program. Stop it, or choose other ports with SOCIALFEED_REDIS_PORT=<first of six>.");
        });
        return ports;
    }

    private static boolean isFree(int port) {
        return port + BUS_PORT_OFFSET <= 65535 && !Ports.isTaken(port) && !Ports.isTaken(port + BUS_PORT_OFFSET);
    }

    /** The address services are given: {@code redis-cluster://} and every node, so any of them can be the seed. */
    public String uri() {
        return "redis-cluster://" + nodes.stream().map(node -> HOST + ":" + node.port())
                .collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public List<Node> primaries() {
        return nodes.stream().filter(Node::primary).toList();
    }

    public List<Node> replicas() {
        return nodes.stream().filter(node -> !node.primary()).toList();
    }

    /** The primary that serves {@code key}'s slot now, as the cluster tells (a failover moves slots). */
    public Node primaryOf(String key) {
        Node alive = nodes.stream().filter(node -> node.process().isAlive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No node of the cluster is running"));
        String clusterNodes = onNode(alive, RedisCommands::clusterNodes);
        Partitions partitions = ClusterPartitionParser.parse(clusterNodes);
        int port = partitions.getPartitionBySlot(SlotHash.getSlot(key)).getUri().getPort();
        return nodes.stream().filter(node -> node.port() == port).findFirst().orElseThrow();
    }

    /** Runs {@code command} on one node, outside the cluster's routing (for example FLUSHALL of one primary). */
    public static <T> T onNode(Node node, Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(RedisURI.create(node.uri()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        ManagedProcess.closeAll(nodes.stream().map(Node::process).toList());
    }

    private void form() {
        RedisClient client = RedisClient.create();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try {
            List<RedisCommands<String, String>> commands = new ArrayList<>();
            for (Node node : nodes) {
                StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(node.uri()));
                connections.add(connection);
                commands.add(connection.sync());
            }
            List<Node> primaries = primaries();
            for (int index = 0; index < primaries.size(); index++) {
                int from = index * SLOTS / primaries.size();
                int to = (index + 1) * SLOTS / primaries.size();
                commands.get(index).clusterAddSlots(IntStream.range(from, to).toArray());
            }
            nodes.stream().skip(1).forEach(node -> commands.get(0).clusterMeet(HOST, node.port()));
            awaitCluster("every node to know every other", () -> commands.stream().allMatch(this::knowsAllNodes));
            for (int index = primaries.size(); index < nodes.size(); index++) {
                String primaryId = commands.get(index % primaries.size()).clusterMyId();
                commands.get(index).clusterReplicate(primaryId);
            }
            awaitCluster("cluster_state:ok and one view of the slots on every node", () -> agree(commands));
            awaitCluster("every replica to have copied its primary", () -> commands.subList(primaries.size(),
                    commands.size()).stream().allMatch(replica -> replica.info("replication")
                    .contains("master_link_status:up")));
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown();
        }
    }

    private boolean knowsAllNodes(RedisCommands<String, String> node) {
        List<String> lines = node.clusterNodes().lines().toList();
        return lines.size() == nodes.size() && lines.stream().noneMatch(line -> line.contains("handshake"));
    }

    private boolean agree(List<RedisCommands<String, String>> commands) {
        Set<Set<String>> views = commands.stream().map(node -> node.clusterInfo().contains("cluster_state:ok")
                ? slotView(node.clusterNodes()) : Set.of("not ok")).collect(Collectors.toSet());
        Set<String> view = views.iterator().next();
        return views.size() == 1 && !view.contains("not ok")
                && view.stream().filter(line -> line.contains(" slave ")).count() == nodes.size() - primaries().size();
    }

    /**
     * A node's CLUSTER NODES reduced to what all nodes must agree on: each node's id, role, primary and slots
     * (without the node's own "myself" flag, pings and link states).
     */
    private static Set<String> slotView(String clusterNodes) {
        return clusterNodes.lines().map(line -> {
            String[] fields = line.split(" ");
            String role = fields[2].contains("master") ? "master" : fields[2].contains("slave") ? "slave" : fields[2];
            List<String> slots = Arrays.asList(fields).subList(8, fields.length);
            return fields[0] + " " + role + " " + fields[3] + " " + String.join(" ", slots);
        }).collect(Collectors.toSet());
    }

    private void awaitCluster(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(FORMING_TIMEOUT);
        while (!condition.getAsBoolean()) {
            nodes.stream().filter(node -> !node.process().isAlive()).findFirst().ifPresent(dead -> {
                throw new IllegalStateException("Redis Cluster node " + dead.port() + " exited; see " + dead.process().log());
            });
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Redis Cluster did not form: no " + what + " after "
                        + FORMING_TIMEOUT.toSeconds() + " s; logs in " + nodes.get(0).process().log().getParent());
            }
            ManagedProcess.sleep(Duration.ofMillis(100));
        }
    }
}
