package org.socialfeed.stack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the local stack listens and what it reuses. Each store is started by the stack unless its address is
 * given ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SOCIAL_REDIS_URI}, {@code QUARKUS_MONGODB_CONNECTION_STRING}),
 * in which case the services use that one instead. {@code apiPort} is the one base URL of the whole API (the
 * router in front of the services). A port of 0 means "any free port".
 * {@code servicePorts} also says which services run (all four unless {@link #withServices} picked fewer).
 * {@code serviceEnvironment} holds extra environment entries given to every service (for example a feed-service
 * setting a benchmark changes per run); they are applied last, so they win over the stack's own entries.
 * {@code redisCluster} starts a Redis Cluster ({@link RedisCluster}: three primaries and three replicas on
 * {@code redisPort} and the five ports after it) instead of one Redis node.
 */
public record StackSettings(Path projectRoot, Path dataDirectory,
                            String externalKafka, int kafkaPort, int kafkaControllerPort,
                            String externalRedis, int redisPort, boolean redisCluster,
                            String externalMongo, int mongoPort,
                            int apiPort, Map<ServiceApp, Integer> servicePorts,
                            Map<String, String> serviceEnvironment) {

    public StackSettings {
        servicePorts = servicePorts.isEmpty() ? Map.of() : new EnumMap<>(servicePorts);
        serviceEnvironment = Map.copyOf(serviceEnvironment);
    }

    /** The same settings, with {@code environment} passed to every service on top of the stack's own entries. */
    public StackSettings withServiceEnvironment(Map<String, String> environment) {
        return new StackSettings(projectRoot, dataDirectory, externalKafka, kafkaPort, kafkaControllerPort,
                externalRedis, redisPort, redisCluster, externalMongo, mongoPort, apiPort, servicePorts, environment);
    }

    /** The same settings, running only {@code apps} (the others are not started). */
    public StackSettings withServices(Set<ServiceApp> apps) {
        Map<ServiceApp, Integer> ports = new EnumMap<>(servicePorts);
        ports.keySet().retainAll(apps);
        return new StackSettings(projectRoot, dataDirectory, externalKafka, kafkaPort, kafkaControllerPort,
                externalRedis, redisPort, redisCluster, externalMongo, mongoPort, apiPort, ports, serviceEnvironment);
    }

    /** The same settings, with a Redis Cluster instead of one Redis node. */
    public StackSettings withRedisCluster() {
        return new StackSettings(projectRoot, dataDirectory, externalKafka, kafkaPort, kafkaControllerPort,
                externalRedis, redisPort, true, externalMongo, mongoPort, apiPort, servicePorts, serviceEnvironment);
    }

    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_REDIS_PORT = 16379;
    public static final int DEFAULT_MONGO_PORT = 37017;
    public static final int DEFAULT_API_PORT = 8080;

    public static StackSettings fromEnvironment(Path projectRoot, Function<String, String> env) {
        Map<ServiceApp, Integer> servicePorts = new EnumMap<>(ServiceApp.class);
        for (ServiceApp app : ServiceApp.values()) {
            servicePorts.put(app, intOr(env.apply(app.portVariable()), app.defaultPort()));
        }
        int kafkaPort = intOr(env.apply("SOCIALFEED_KAFKA_PORT"), DEFAULT_KAFKA_PORT);
        return new StackSettings(projectRoot, projectRoot.resolve(".local"),
                blankToNull(env.apply("KAFKA_BOOTSTRAP_SERVERS")), kafkaPort,
                intOr(env.apply("SOCIALFEED_KAFKA_CONTROLLER_PORT"), kafkaPort + 1),
                blankToNull(env.apply("SOCIAL_REDIS_URI")), intOr(env.apply("SOCIALFEED_REDIS_PORT"), DEFAULT_REDIS_PORT),
                isSet(env.apply("SOCIALFEED_REDIS_CLUSTER")),
                blankToNull(env.apply("QUARKUS_MONGODB_CONNECTION_STRING")),
                intOr(env.apply("SOCIALFEED_MONGO_PORT"), DEFAULT_MONGO_PORT),
                intOr(env.apply("SOCIALFEED_API_PORT"), DEFAULT_API_PORT), servicePorts, Map.of());
    }

    /** Everything on free ports with its data under {@code dataDirectory}: for tests beside a running stack. */
    public static StackSettings isolated(Path projectRoot, Path dataDirectory) {
        Map<ServiceApp, Integer> servicePorts = new EnumMap<>(ServiceApp.class);
        for (ServiceApp app : ServiceApp.values()) {
            servicePorts.put(app, 0);
        }
        return new StackSettings(projectRoot, dataDirectory, null, 0, 0, null, 0, false, null, 0, 0, servicePorts, Map.of());
    }

    private static int intOr(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected a port number, got '" + value + "'");
        }
    }

    private static boolean isSet(String flag) {
        return flag != null && (flag.trim().equals("1") || flag.trim().equalsIgnoreCase("true"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
