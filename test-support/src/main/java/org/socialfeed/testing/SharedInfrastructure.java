package org.socialfeed.testing;

import de.bwaldvogel.mongo.MongoServer;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.socialfeed.stack.ValueOrderedH2Backend;
import org.socialfeed.stack.JwtKeyFiles;
import org.socialfeed.stack.KafkaTopics;
import org.socialfeed.stack.ManagedProcess;
import org.socialfeed.stack.Ports;
import org.socialfeed.stack.RedisCluster;
import org.socialfeed.stack.RedisNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real Kafka broker (KRaft, in-process), redis-server and MongoDB-protocol server that a test JVM shares:
 * started on first use, on free ports, and stopped when the JVM exits. Started once per class loader that loads
 * this class: all test classes of one Quarkus application share it across restarts, but Quarkus loads the tests of
 * each test profile, and plain JUnit tests, in class loaders of their own, each with its own instance (ADR 22). A
 * Redis Cluster is started too, but only when a test first asks for it ({@link #redisCluster()}).
 */
public final class SharedInfrastructure {

    private static SharedInfrastructure instance;

    private final EmbeddedKafkaBroker kafka;
    private final Path kafkaLogDir;
    private final ManagedProcess redis;
    private final MongoServer mongo;
    private final String redisUri;
    private final String mongoUri;
    private final JwtKeyFiles keys;
    private final Path directory;
    private RedisCluster redisCluster;

    private SharedInfrastructure() throws IOException {
        directory = Files.createTempDirectory("socialfeed-test-");
        // fixed ports and log directory, so the broker can be stopped and started again as the same broker
        kafkaLogDir = directory.resolve("kafka");
        kafka = new EmbeddedKafkaBroker().withKafkaPort(Ports.free()).withControllerPort(Ports.free())
                .withAdditionalProperties(properties -> properties.setProperty("log.dir", kafkaLogDir.toString()))
                .withDeleteLogDirsOnClose(false).start();
        KafkaTopics.ensure(kafka.getAdvertisedListeners());
        int redisPort = Ports.free();
        redis = RedisNode.start(redisPort, directory.resolve("redis"), directory.resolve("logs"));
        redisUri = RedisNode.uri(redisPort);
        mongo = new MongoServer(ValueOrderedH2Backend.inMemory());
        mongoUri = mongo.bindAndGetConnectionString();
        keys = JwtKeyFiles.createIfAbsent(directory.resolve("keys"));
    }

    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            try {
                instance = new SharedInfrastructure();
            } catch (IOException e) {
                throw new UncheckedIOException("Test infrastructure did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    public String kafkaBootstrap() {
        return kafka.getAdvertisedListeners();
    }

    /**
     * Stops the Kafka broker, keeping its address, topics and records, so a test can check how a service lives
     * through a broker outage. Call {@link #startKafka()} in a {@code finally}: later tests of the JVM share it.
     */
    public synchronized void stopKafka() {
        kafka.close();
    }

    /** Starts the broker again after {@link #stopKafka()}, on the same address with the same data. */
    public synchronized void startKafka() {
        if (!kafka.isRunning()) {
            kafka.start();
        }
    }

    public String redisUri() {
        return redisUri;
    }

    /**
     * A real Redis Cluster of three primaries with one replica each, from the same redis-server binary and settings
     * as {@link #redisUri()}'s node: started on the first call, then shared by every later test of the JVM.
     */
    public synchronized RedisCluster redisCluster() {
        if (redisCluster == null) {
            try {
                redisCluster = RedisCluster.start(RedisCluster.freePorts(6), 3, directory.resolve("redis-cluster"),
                        directory.resolve("logs"));
            } catch (IOException e) {
                throw new UncheckedIOException("The Redis Cluster did not start", e);
            }
        }
        return redisCluster;
    }

    /** The {@code redis-cluster://} URI of {@link #redisCluster()}, starting it if no test has yet. */
    public String redisClusterUri() {
        return redisCluster().uri();
    }

    public String mongoUri() {
        return mongoUri;
    }

    public JwtKeyFiles keys() {
        return keys;
    }

    private synchronized void stop() {
        mongo.shutdownNow();
        redis.close();
        if (redisCluster != null) {
            redisCluster.close();
        }
        kafka.close();
        deleteRecursively(kafkaLogDir);
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
