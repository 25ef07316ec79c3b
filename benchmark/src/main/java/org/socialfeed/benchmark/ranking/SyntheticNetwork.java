package org.socialfeed.benchmark.ranking;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated social network whose readers have hidden preferences, for {@link RankingEvaluation}. Deterministic for
 * a seed. Each account follows {@code follows} others, picked in proportion to a Zipf popularity; favours a few of
 * its followees and two topics (hidden: the ranking never sees them); posts at its own rate on topics of its own.
 * Whether a reader engages with a post is decided once, by a hash of the pair: with probability
 * {@code base + favouriteAuthor (if favoured) + favouriteTopic (if so) + quality * post quality}. Every reader sees
 * every post of the accounts they follow and engages (a like, sometimes a repost) after a few hours, as drawn.
 */
final class SyntheticNetwork {

    static final long HOUR = Duration.ofHours(1).toMillis();

    /** How the network is generated. */
    record Settings(long seed, int accounts, int follows, int topics, int days, double postsPerDay,
                    int favouriteAuthors, double base, double favouriteAuthor, double favouriteTopic,
                    double quality) {
        static final Settings DEFAULT = new Settings(18, 1000, 40, 8, 14, 2.0, 4, 0.02, 0.30, 0.12, 0.15);
    }

    /** One like or repost. */
    record Engagement(int reader, int post, boolean repost, long at) {
    }

    final Settings settings;
    final int[][] followees;
    final List<List<Integer>> followers = new ArrayList<>();
    final int[][] favouriteAuthors;
    final int[][] favouriteTopics;
    final int[] postAuthor;
    final int[] postTopic;
    final long[] postTime;
    final double[] postQuality;
    final List<List<Engagement>> byReader = new ArrayList<>();
    final List<List<Engagement>> byPost = new ArrayList<>();

    SyntheticNetwork(Settings settings) {
        this.settings = settings;
        SplittableRandom random = new SplittableRandom(settings.seed());
        int n = settings.accounts();
        double[] popularity = new double[n];
        for (int a = 0; a < n; a++) {
            popularity[a] = Math.pow(1 + random.nextInt(n), -0.8);
            followers.add(new ArrayList<>());
            byReader.add(new ArrayList<>());
        }
        double[] cumulative = new double[n];
        double sum = 0;
        for (int a = 0; a < n; a++) {
            sum += popularity[a];
            cumulative[a] = sum;
        }
        followees = new int[n][];
        favouriteAuthors = new int[n][];
        favouriteTopics = new int[n][];
        for (int a = 0; a < n; a++) {
            boolean[] chosen = new boolean[n];
            chosen[a] = true;
            int[] picked = new int[settings.follows()];
            for (int f = 0; f < picked.length; f++) {
                int followee;
                do {
                    int found = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                    followee = Math.min(n - 1, found >= 0 ? found : -found - 1);
                } while (chosen[followee]);
                chosen[followee] = true;
                picked[f] = followee;
                followers.get(followee).add(a);
            }
            followees[a] = picked;
            favouriteAuthors[a] = Arrays.copyOf(picked, settings.favouriteAuthors()); // picked in random order
            favouriteTopics[a] = new int[]{random.nextInt(settings.topics()), random.nextInt(settings.topics())};
        }

        long span = settings.days() * 24 * HOUR;
        List<long[]> posts = new ArrayList<>(); // time, author, topic
        for (int a = 0; a < n; a++) {
            double activity = settings.postsPerDay() * (0.25 + 1.5 * random.nextDouble() * random.nextDouble() * 2);
            int count = (int) Math.round(activity * settings.days());
            int[] ownTopics = {random.nextInt(settings.topics()), random.nextInt(settings.topics())};
            for (int p = 0; p < count; p++) {
                int topic = random.nextDouble() < 0.8 ? ownTopics[random.nextInt(2)] : random.nextInt(settings.topics());
                posts.add(new long[]{(long) (random.nextDouble() * span), a, topic});
            }
        }
        posts.sort((x, y) -> Long.compare(x[0], y[0])); // post index order is time order, as ids are
        postAuthor = new int[posts.size()];
        postTopic = new int[posts.size()];
        postTime = new long[posts.size()];
        postQuality = new double[posts.size()];
        for (int p = 0; p < posts.size(); p++) {
            postTime[p] = posts.get(p)[0];
            postAuthor[p] = (int) posts.get(p)[1];
            postTopic[p] = (int) posts.get(p)[2];
            double q = random.nextDouble();
            postQuality[p] = q * q * q; // a few posts most like
            byPost.add(new ArrayList<>());
        }
        for (int p = 0; p < postTime.length; p++) {
            for (int reader : followers.get(postAuthor[p])) {
                if (engages(reader, p)) {
                    long delay = (long) (-Math.log(1 - random.nextDouble()) * 3 * HOUR);
                    Engagement engagement = new Engagement(reader, p, random.nextDouble() < 0.15,
                            postTime[p] + delay);
                    byReader.get(reader).add(engagement);
                    byPost.get(p).add(engagement);
                }
            }
        }
    }

    long end() {
        return settings.days() * 24 * HOUR;
    }

    boolean follows(int reader, int author) {
        for (int followee : followees[reader]) {
            if (followee == author) {
                return true;
            }
        }
        return false;
    }

    /** Whether the reader engages with the post once they see it: the hidden preferences, decided by a hash. */
    boolean engages(int reader, int post) {
        double probability = settings.base() + settings.quality() * postQuality[post];
        if (contains(favouriteAuthors[reader], postAuthor[post])) {
            probability += settings.favouriteAuthor();
        }
        if (contains(favouriteTopics[reader], postTopic[post])) {
            probability += settings.favouriteTopic();
        }
        return uniform(reader, post) < probability;
    }

    private double uniform(int reader, int post) {
        long z = settings.seed() * 0x9E3779B97F4A7C15L + reader * 0xBF58476D1CE4E5B9L + post * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
