package org.socialfeed.stack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-protocol server (mongo-java-server, H2 backend, data on disk) as its own process, so it can be
 * stopped and restarted like a real mongod. Production points the services at a real MongoDB instead.
 */
public final class MongoStandIn {

    private MongoStandIn() {
    }

    public static ManagedProcess start(int port, Path dataDirectory, Path logDirectory, String classpath)
            throws IOException {
        Files.createDirectories(dataDirectory);
        ManagedProcess process = ManagedProcess.start("mongo-stand-in", List.of(Java.executable(), "-Xmx512m",
                        "-cp", classpath, MongoStandIn.class.getName(), String.valueOf(port),
                        dataDirectory.resolve("mongo.mv").toString()),
                Map.of(), logDirectory);
        process.awaitReady(() -> Ports.isListening("127.0.0.1", port), Duration.ofSeconds(30));
        return process;
    }

    public static String connectionString(int port) {
        return "mongodb://127.0.0.1:" + port;
    }

    /** Entry point of the child process: {@code port dataFile}. */
    public static void main(String[] args) throws InterruptedException {
        H2Backend backend = new H2Backend(args[1]);
        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // flushes the H2 store so a restart finds every acknowledged write
            stopped.countDown();
        }));
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        System.out.println("mongo-java-server (H2 backend, " + args[1] + ") listening on 127.0.0.1:" + args[0]);
        stopped.await();
    }
}
