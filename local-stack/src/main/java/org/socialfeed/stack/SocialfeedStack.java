package org.socialfeed.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The whole system on one machine: Kafka, Redis and the MongoDB-protocol server (unless external ones are
 * configured), then the packaged services (all four unless the settings pick fewer), each waited on until {@code /q/health/ready} answers 200,
 * then the router that serves the whole API on one base URL, routed like the Ingress.
 * Closing it stops everything it started, in reverse order.
 */
public final class SocialfeedStack implements AutoCloseable {

    private static final Duration SERVICE_START_TIMEOUT = Duration.ofSeconds(120);
    private static final String JWT_ISSUER = "https://socialfeed.local";
    private static final int REDIS_CLUSTER_PRIMARIES = 3;
    private static final int REDIS_CLUSTER_NODES = 2 * REDIS_CLUSTER_PRIMARIES;

    private final Deque<ManagedProcess> started = new ArrayDeque<>();
    private final Map<ServiceApp, ManagedProcess> services = new EnumMap<>(ServiceApp.class);
    /** Every service process, the extra instances included: stopped together before the stores. */
    private final Set<ManagedProcess> serviceProcesses = new HashSet<>();
    private final Map<ServiceApp, Integer> servicePorts = new EnumMap<>(ServiceApp.class);
    private final Map<ServiceApp, Map<String, String>> environmentOverrides = new EnumMap<>(ServiceApp.class);
    private final StackSettings settings;
    private final Consumer<String> say;
    private final Path logDirectory;
    private String kafkaBootstrap;
    private String redisUri;
    private String mongoUri;
    private JwtKeyFiles keys;
    private ManagedProcess kafka;
    private ManagedProcess redis;
    private RedisCluster redisCluster;
    private List<Integer> redisClusterPorts;
    private ManagedProcess mongo;
    private ApiRouter router;
    private int apiPort;
    private int kafkaPort;
    private int kafkaControllerPort;
    private int redisPort;
    private int mongoPort;

    private SocialfeedStack(StackSettings settings, Consumer<String> say) {
        this.settings = settings;
        this.say = say;
        this.logDirectory = settings.dataDirectory().resolve("logs");
    }

    public static SocialfeedStack start(StackSettings settings, Consumer<String> say) throws Exception {
        SocialfeedStack stack = new SocialfeedStack(settings, say);
        // whoever started the stack, its child processes end with this JVM, never orphaned
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        try {
            // read before anything starts, so a broken manifest stops the start at once
            IngressRoutes routes = IngressRoutes.read(IngressRoutes.manifestOf(settings.projectRoot()));
            stack.claimPorts();
            stack.startStores();
            stack.keys = JwtKeyFiles.createIfAbsent(settings.dataDirectory().resolve("keys"));
            for (ServiceApp app : settings.servicePorts().keySet()) {
                stack.startService(app);
            }
            stack.startRouter(routes);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    public static void main(String[] args) throws Exception {
        StackSettings settings = StackSettings.fromEnvironment(Path.of("").toAbsolutePath(), System::getenv);
        SocialfeedStack stack;
        try {
            stack = start(settings, System.out::println);
        } catch (IllegalStateException e) {
            System.err.println("The stack did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(stack.summary());
        Thread.currentThread().join();
    }

    /** The one base URL of the whole API, routed to the services like the Ingress routes it in production. */
    public String apiUrl() {
        return router.url();
    }

    public String serviceUrl(ServiceApp app) {
        return "http://127.0.0.1:" + servicePorts.get(app);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String redisUri() {
        return redisUri;
    }

    /** The Redis Cluster the stack started ({@link StackSettings#redisCluster()}), for fault tests; else null. */
    public RedisCluster redisCluster() {
        return redisCluster;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public ManagedProcess service(ServiceApp app) {
        return services.get(app);
    }

    /** Kills a service with SIGKILL and starts it again on the same port: for fault tests. */
    public synchronized void restartAfterKill(ServiceApp app) throws IOException {
        ManagedProcess process = services.remove(app);
        process.kill();
        forget(process);
        startService(app);
    }

    /**
     * Starts one more instance of {@code app} beside the stack's own, on a free port and with the same settings
     * ({@code environment} on top), so it joins the same Kafka consumer group and shares the partitions: for tests of
     * a service scaled out. The router keeps sending to the first instance; clients call this one at its own URL.
     * It stops with the stack, or earlier through its process.
     */
    public synchronized ServiceInstance startAnotherInstance(ServiceApp app, Map<String, String> environment)
            throws IOException {
        int port = Ports.free();
        String name = app.module() + "-" + port;
        return new ServiceInstance(launch(app, name, port, environment), "http://127.0.0.1:" + port);
    }

    /**
     * Stops a service gracefully and starts it again on the same port with {@code environment} on top of its usual
     * environment (an empty map goes back to the usual one): for tests that need other settings for a while.
     */
    public synchronized void restartWith(ServiceApp app, Map<String, String> environment) throws IOException {
        ManagedProcess process = services.remove(app);
        process.close();
        forget(process);
        environmentOverrides.put(app, Map.copyOf(environment));
        startService(app);
    }

    /** Stops a store the stack started: SIGKILL when {@code kill}, else a clean shutdown. Data stays on disk. */
    public synchronized void stopStore(Store store, boolean kill) {
        ManagedProcess process = storeProcess(store);
        if (kill) {
            process.kill();
        } else {
            process.close();
        }
        started.remove(process);
    }

    /** Starts a store stopped with {@link #stopStore} again, on the same port and with the same data directory. */
    public synchronized void startStore(Store store) throws IOException, InterruptedException {
        Path data = settings.dataDirectory();
        switch (store) {
            case KAFKA -> kafka = track(KafkaNode.start(kafkaPort, kafkaControllerPort, data.resolve("kafka"),
                    logDirectory, Java.classpath()));
            case REDIS -> redis = track(RedisNode.start(redisPort, data.resolve("redis"), logDirectory));
            case MONGO_STAND_IN -> mongo = track(MongoStandIn.start(mongoPort, data.resolve("mongo"),
                    logDirectory, Java.classpath()));
        }
    }

    private ManagedProcess storeProcess(Store store) {
        ManagedProcess process = switch (store) {
            case KAFKA -> kafka;
            case REDIS -> redis;
            case MONGO_STAND_IN -> mongo;
        };
        if (store == Store.REDIS && redisCluster != null) {
            throw new IllegalStateException("Redis runs as a cluster: stop or kill its nodes through redisCluster()");
        }
        if (process == null) {
            throw new IllegalStateException(store + " is external: the stack did not start it");
        }
        return process;
    }

    /** Every process the stack started that is still running, by name (its log's name), in the order started. */
    public synchronized Map<String, Long> processIds() {
        Map<String, Long> pids = new LinkedHashMap<>();
        started.descendingIterator().forEachRemaining(process -> {
            if (process.isAlive()) {
                pids.put(process.name(), process.pid());
            }
        });
        return pids;
    }

    /** The stores the stack starts itself (unless external ones are configured). */
    public enum Store { KAFKA, REDIS, MONGO_STAND_IN }

    public String summary() {
        StringBuilder text = new StringBuilder("\nsocialfeed is up:\n");
        text.append("  API (one base URL): ").append(apiUrl()).append("   (routed like deploy/k8s/base/ingress.yaml)\n");
        for (ServiceApp app : services.keySet()) {
            text.append(String.format("  %-21s %s   (OpenAPI %s/q/openapi, log %s)%n", app.module(),
                    serviceUrl(app), serviceUrl(app), services.get(app).log()));
        }
        text.append(String.format("  %-21s %s%s%n", "kafka", kafkaBootstrap, kafka == null ? " (external)" : ""));
        text.append(String.format("  %-21s %s%s%n", redisCluster == null ? "redis" : "redis cluster", redisUri,
                redis == null && redisCluster == null ? " (external)" : ""));
        if (mongo == null) {
            text.append(String.format("  %-21s %s (external)%n", "mongodb", mongoUri));
        } else {
            text.append(String.format("  %-21s %s%n", "mongodb stand-in", mongoUri)).append("""
                      The local store is mongo-java-server, a MongoDB-protocol stand-in, not MongoDB.
                      Production points QUARKUS_MONGODB_CONNECTION_STRING at a real MongoDB.
                    """);
        }
        text.append("Data and logs: ").append(settings.dataDirectory()).append("\nPress Ctrl-C to stop everything.");
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (router == null && started.isEmpty()) {
            return;
        }
        say.accept("Stopping the stack...");
        if (router != null) { // first, so no request reaches a stopping service through it
            say.accept("  stopping the API router");
            router.close();
            router = null;
        }
        List<ManagedProcess> running = List.copyOf(started);
        List<ManagedProcess> apps = running.stream().filter(serviceProcesses::contains).toList();
        apps.forEach(app -> say.accept("  stopping " + app.name() + " (pid " + app.pid() + ")"));
        ManagedProcess.closeAll(apps); // the services together, then the stores they were using
        started.removeAll(apps);
        while (!started.isEmpty()) {
            ManagedProcess process = started.pop();
            say.accept("  stopping " + process.name() + " (pid " + process.pid() + ")");
            process.close();
        }
        say.accept("Stopped.");
    }

    /** Checks every port first, so a clash is reported before anything starts, never silently shared. */
    private void claimPorts() {
        kafkaPort = claim(settings.kafkaPort(), "Kafka", "SOCIALFEED_KAFKA_PORT", settings.externalKafka());
        kafkaControllerPort = claim(settings.kafkaControllerPort(), "the Kafka controller",
                "SOCIALFEED_KAFKA_CONTROLLER_PORT", settings.externalKafka());
        if (settings.redisCluster() && settings.externalRedis() == null) {
            redisClusterPorts = settings.redisPort() == 0 ? RedisCluster.freePorts(REDIS_CLUSTER_NODES)
                    : RedisCluster.portsFrom(settings.redisPort(), REDIS_CLUSTER_NODES);
        } else {
            redisPort = claim(settings.redisPort(), "Redis", "SOCIALFEED_REDIS_PORT", settings.externalRedis());
        }
        mongoPort = claim(settings.mongoPort(), "the MongoDB-protocol server", "SOCIALFEED_MONGO_PORT",
                settings.externalMongo());
        for (ServiceApp app : settings.servicePorts().keySet()) {
            servicePorts.put(app, claim(settings.servicePorts().get(app), app.module(), app.portVariable(), null));
        }
        apiPort = claim(settings.apiPort(), "the API (one base URL)", "SOCIALFEED_API_PORT", null);
    }

    private static int claim(int port, String what, String variable, String external) {
        if (external != null) {
            return -1;
        }
        if (port == 0) {
            return Ports.free();
        }
        if (Ports.isTaken(port)) {
            throw new IllegalStateException("Port " + port + " for " + what + " is already in use by another "
                    + "program. Stop it, or choose another port with " + variable + "=<port>.");
        }
        return port;
    }

    private void startStores() throws IOException, InterruptedException {
        Path data = settings.dataDirectory();
        String classpath = Java.classpath();
        kafkaBootstrap = settings.externalKafka();
        if (kafkaBootstrap == null) {
            say.accept("Starting Kafka (KRaft) on 127.0.0.1:" + kafkaPort + "...");
            kafka = track(KafkaNode.start(kafkaPort, kafkaControllerPort, data.resolve("kafka"), logDirectory,
                    classpath));
            kafkaBootstrap = KafkaNode.bootstrapServers(kafkaPort);
        }
        KafkaTopics.ensure(kafkaBootstrap);
        redisUri = settings.externalRedis();
        if (redisUri == null && redisClusterPorts != null) {
            say.accept("Starting a Redis Cluster (3 primaries, 3 replicas) on 127.0.0.1:" + redisClusterPorts + "...");
            redisCluster = RedisCluster.start(redisClusterPorts, REDIS_CLUSTER_PRIMARIES, data.resolve("redis-cluster"),
                    logDirectory);
            redisCluster.nodes().forEach(node -> track(node.process()));
            redisUri = redisCluster.uri();
        } else if (redisUri == null) {
            say.accept("Starting Redis on 127.0.0.1:" + redisPort + "...");
            redis = track(RedisNode.start(redisPort, data.resolve("redis"), logDirectory));
            redisUri = RedisNode.uri(redisPort);
        }
        mongoUri = settings.externalMongo();
        if (mongoUri == null) {
            say.accept("Starting the MongoDB-protocol stand-in (mongo-java-server) on 127.0.0.1:" + mongoPort + "...");
            mongo = track(MongoStandIn.start(mongoPort, data.resolve("mongo"), logDirectory, classpath));
            mongoUri = MongoStandIn.connectionString(mongoPort);
        }
    }

    private void startService(ServiceApp app) throws IOException {
        services.put(app, launch(app, app.module(), servicePorts.get(app), Map.of()));
    }

    /** Starts a process of {@code app} named {@code name} (its log's name) and waits until it is ready. */
    private ManagedProcess launch(ServiceApp app, String name, int port, Map<String, String> extraEnvironment)
            throws IOException {
        Path jar = settings.projectRoot().resolve(app.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (mvn -DskipTests install)");
        }
        say.accept("Starting " + name + " on 127.0.0.1:" + port + "...");
        Map<String, String> env = environment(app, port);
        env.putAll(extraEnvironment);
        ManagedProcess process = track(ManagedProcess.start(name,
                List.of(Java.executable(), "-Xmx384m", "-jar", jar.toString()), env, logDirectory));
        serviceProcesses.add(process);
        process.awaitReady(() -> isReady(port), SERVICE_START_TIMEOUT);
        return process;
    }

    private void forget(ManagedProcess process) {
        started.remove(process);
        serviceProcesses.remove(process);
    }

    private void startRouter(IngressRoutes routes) {
        Map<String, Integer> ports = new HashMap<>();
        servicePorts.forEach((app, port) -> ports.put(app.module(), port));
        say.accept("Starting the API router (one base URL) on 127.0.0.1:" + apiPort + "...");
        router = ApiRouter.start(routes, ports, apiPort);
    }

    private Map<String, String> environment(ServiceApp app, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", JWT_ISSUER);
        if (app == ServiceApp.USER) {
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.privateKey().toAbsolutePath().toString());
            env.put("SMALLRYE_JWT_NEW_TOKEN_ISSUER", JWT_ISSUER);
            // /api/v2/instance tells apps where the streaming API is: the one base URL, as a WebSocket
            env.put("SOCIAL_INSTANCE_STREAMING_URL", "ws://127.0.0.1:" + apiPort);
        }
        if (app.usesMongo()) {
            env.put("QUARKUS_MONGODB_CONNECTION_STRING", mongoUri);
        }
        if (app.usesRedis()) {
            env.put("SOCIAL_REDIS_URI", redisUri);
        }
        for (ServiceApp other : servicePorts.keySet()) {
            env.put("SOCIAL_" + other.module().replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_URL",
                    "http://127.0.0.1:" + servicePorts.get(other));
        }
        env.putAll(settings.serviceEnvironment());
        env.putAll(environmentOverrides.getOrDefault(app, Map.of()));
        return env;
    }

    private static boolean isReady(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ManagedProcess track(ManagedProcess process) {
        started.push(process);
        return process;
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
}
