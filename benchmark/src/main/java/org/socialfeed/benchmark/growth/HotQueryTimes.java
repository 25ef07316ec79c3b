package org.socialfeed.benchmark.growth;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.socialfeed.benchmark.load.LatencyStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The MongoDB-protocol store's time for each shape of query the services' hot paths may send (their hot-path tests
 * fail on any other): an insert, a find by {@code _id}, a find by each unique key and an update by {@code _id}, on
 * every collection {@link StoreGrowth} grows; and, once it has grown, a find by {@code _id} of a document stored long
 * ago, which the store's cache is unlikely to hold. One client thread, one query at a time, so each time is the
 * store's answer alone. The documents it writes are copies like the grown ones, deleted again at the end.
 */
public final class HotQueryTimes {

    /** One query shape on one collection: {@code stats} in milliseconds. */
    public record QueryTime(String collection, String query, LatencyStats stats) {
    }

    private HotQueryTimes() {
    }

    /**
     * Times each query {@code samples} times per collection; {@code round} keeps the ids of one measurement apart
     * from another's, {@code grownPosts} and {@code grownAccounts} say how many grown documents there are to read.
     */
    public static List<QueryTime> measure(String mongoUri, int samples, int round, long grownPosts,
                                          long grownAccounts) {
        List<QueryTime> times = new ArrayList<>();
        Random random = new Random(round);
        try (MongoClient client = MongoClients.create(mongoUri)) {
            for (StoreGrowth.Grown grown : StoreGrowth.COLLECTIONS) {
                MongoCollection<Document> collection = StoreGrowth.collection(client, grown);
                Document template = collection.find().first();
                if (template == null) {
                    continue;
                }
                Set<String> uniqueKeys = StoreGrowth.uniqueKeys(collection);
                List<Document> probes = new ArrayList<>();
                for (int i = 0; i < samples; i++) {
                    long id = StoreGrowth.idAt(StoreGrowth.PROBES_FROM, (long) round * samples + i);
                    probes.add(StoreGrowth.copy(template, uniqueKeys, id, id));
                }
                Map<String, LongConsumer> queries = new LinkedHashMap<>();
                queries.put("insert", i -> collection.insertOne(probes.get((int) i)));
                queries.put("find {_id}", i -> collection.find(Filters.eq("_id", probes.get((int) i).get("_id")))
                        .first());
                for (String key : uniqueKeys) {
                    if (template.get(key) != null) {
                        queries.put("find {" + key + "}", i -> collection.find(Filters.eq(key,
                                probes.get((int) i).get(key))).first());
                    }
                }
                queries.put("update {_id} $inc", i -> collection.updateOne(Filters.eq("_id",
                        probes.get((int) i).get("_id")), Updates.inc("probed", 1)));
                long stored = grown.kind() == StoreGrowth.Kind.POSTS ? grownPosts : grownAccounts;
                if (stored > 0) {
                    queries.put("find {_id} stored long ago", i -> collection.find(Filters.eq("_id",
                            StoreGrowth.sameType(template.get("_id"), StoreGrowth.grownId(grown.kind(),
                                    Math.floorMod(random.nextLong(), stored))))).first());
                }
                queries.forEach((query, run) -> times.add(new QueryTime(grown.name(), query, time(query, samples,
                        run))));
                collection.deleteMany(Filters.in("_id", probes.stream().map(probe -> probe.get("_id")).toList()));
            }
        }
        return times;
    }

    private static LatencyStats time(String query, int samples, LongConsumer run) {
        Histogram histogram = new Histogram(3);
        long start = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            long sent = System.nanoTime();
            run.accept(i);
            histogram.recordValue(System.nanoTime() - sent);
        }
        return LatencyStats.of(query, histogram, 0, (System.nanoTime() - start) / 1e9);
    }
}
