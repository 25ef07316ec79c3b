package org.socialfeed.stack;

import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-protocol server (mongo-java-server, H2 backend with value-ordered unique indexes, data on disk) as
 * its own process, so it can be stopped and restarted like a real mongod. Production points the services at a real
 * MongoDB instead.
 */
public final class MongoStandIn {

    /** The data file, its indexes in {@link ValueOrderedH2Backend}'s order, its documents as BSON. */
    static final String DATA_FILE = "mongo-v3.mv";
    /**
     * What older stand-ins wrote, converted at the first start: newest first, the value order with Java-serialized
     * documents, then the stock backend's order.
     */
    static final List<String> OLDER_DATA_FILES = List.of("mongo-v2.mv", "mongo.mv");
    /**
     * Netty event loops answering the connections: each connection is served by one loop, one request at a time, so
     * a long scan holds up every connection that shares its loop. Netty's default (two per core, 4 here) made a
     * quarter of all the services' connections wait for each scan; with this many, most connections have a loop of
     * their own (idle loops cost a thread each and nothing else).
     */
    private static final int WORKER_THREADS = 64;

    private MongoStandIn() {
    }

    public static ManagedProcess start(int port, Path dataDirectory, Path logDirectory, String classpath)
            throws IOException {
        Files.createDirectories(dataDirectory);
        ManagedProcess process = ManagedProcess.start("mongo-stand-in", List.of(Java.executable(), "-Xmx512m",
                        "-cp", classpath, MongoStandIn.class.getName(), String.valueOf(port), dataDirectory.toString()),
                Map.of(), logDirectory);
        // a data file of an older stand-in is converted before it listens: minutes for gigabytes (a crash is seen at once)
        process.awaitReady(() -> Ports.isListening("127.0.0.1", port), Duration.ofMinutes(10));
        return process;
    }

    public static String connectionString(int port) {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Entry point of the child process: {@code port dataDirectory}. */
    public static void main(String[] args) throws InterruptedException, IOException {
        Path directory = Path.of(args[1]);
        Path file = directory.resolve(DATA_FILE);
        for (String olderName : OLDER_DATA_FILES) {
            Path older = directory.resolve(olderName);
            if (!Files.exists(file) && Files.exists(older)) {
                System.out.println("Converting " + older + " (an older stand-in's) to " + file + "...");
                ValueOrderedH2Backend.upgrade(older, file);
            }
        }
        ValueOrderedH2Backend backend = ValueOrderedH2Backend.onDisk(file.toString());
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // flushes the H2 store so a restart finds every acknowledged write
            stopped.countDown();
        }));
        server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1, WORKER_THREADS);
        System.out.println("mongo-java-server (H2 backend, " + file + ") listening on 127.0.0.1:" + args[0]);
        stopped.await();
    }
}
