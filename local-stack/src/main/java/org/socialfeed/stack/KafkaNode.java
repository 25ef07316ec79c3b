package org.socialfeed.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one process), started from the Maven
 * Central jars. Its log directory is formatted once and kept, so a restart keeps topics and offsets.
 */
public final class KafkaNode {

    private static final String NODE_ID = "1";

    private KafkaNode() {
    }

    public static ManagedProcess start(int port, int controllerPort, Path dataDirectory, Path logDirectory,
                                       String classpath) throws IOException, InterruptedException {
        Files.createDirectories(dataDirectory);
        Files.createDirectories(logDirectory);
        Path logs = dataDirectory.resolve("log").toAbsolutePath();
        Path config = dataDirectory.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + NODE_ID,
                "controller.quorum.voters=" + NODE_ID + "@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                ""));
        List<String> java = List.of(Java.executable(), "-Xmx768m", "-cp", classpath);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(java, config, logDirectory);
        }
        ManagedProcess broker = ManagedProcess.start("kafka",
                concat(java, List.of("kafka.Kafka", config.toAbsolutePath().toString())), Map.of(), logDirectory);
        broker.awaitReady(() -> Ports.isListening("127.0.0.1", port), Duration.ofSeconds(90));
        return broker;
    }

    public static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    private static void format(List<String> java, Path config, Path logDirectory)
            throws IOException, InterruptedException {
        String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
        Process format = new ProcessBuilder(concat(java, List.of("kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", config.toAbsolutePath().toString())))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("kafka.log").toFile()))
                .start();
        if (format.waitFor() != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory failed; see "
                    + logDirectory.resolve("kafka.log"));
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
