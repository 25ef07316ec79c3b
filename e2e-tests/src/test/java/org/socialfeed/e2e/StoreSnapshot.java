package org.socialfeed.e2e;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the stores hold, read directly (not through the services): a digest of every document of every collection
 * of the services' MongoDB databases, and the number of keys in Redis. Two equal snapshots mean nothing was written.
 */
record StoreSnapshot(Map<String, String> collections, long redisKeys) {

    private static final List<String> DATABASES = List.of("users", "posts", "notifications");
    /** Changed by a refused login on purpose: the throttle counts failures. */
    private static final Set<String> EXPECTED_TO_CHANGE = Set.of("users.login_failures");

    static StoreSnapshot take() {
        Map<String, String> collections = new TreeMap<>();
        try (MongoClient client = MongoClients.create(RunningStack.get().mongoUri())) {
            for (String name : DATABASES) {
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    if (!EXPECTED_TO_CHANGE.contains(name + "." + collection)) {
                        collections.put(name + "." + collection, digest(database.getCollection(collection).find()
                                .sort(new Document("_id", 1))));
                    }
                }
            }
        }
        return new StoreSnapshot(collections, redis("DBSIZE"));
    }

    /** Waits until the asynchronous work of earlier requests (consumers, outbox sweeps) has settled. */
    static StoreSnapshot settled() {
        StoreSnapshot previous = take();
        for (int i = 0; i < 30; i++) {
            pause();
            StoreSnapshot current = take();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        throw new AssertionError("The stores kept changing for a minute without any request");
    }

    /** Sends one inline command to the stack's Redis and returns its integer reply. */
    static long redis(String command) {
        URI uri = URI.create(RunningStack.get().redisUri());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int c = in.read(); c != '\n' && c != -1; c = in.read()) {
                reply.append((char) c);
            }
            String line = reply.toString().trim();
            if (line.startsWith(":")) {
                return Long.parseLong(line.substring(1));
            }
            if (line.startsWith("+")) {
                return 0;
            }
            throw new IllegalStateException("Redis answered " + command + " with " + line);
        } catch (IOException e) {
            throw new IllegalStateException("Redis is unreachable", e);
        }
    }

    private static String digest(Iterable<Document> documents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long count = 0;
            for (Document document : documents) {
                sha.update(document.toJson().getBytes(StandardCharsets.UTF_8));
                count++;
            }
            return count + ":" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long documents() {
        return collections.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(':')))).sum();
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
