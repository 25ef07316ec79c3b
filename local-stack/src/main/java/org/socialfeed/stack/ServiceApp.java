package org.socialfeed.stack;

/** The four services: their module folder, default port, and which stores they use. */
public enum ServiceApp {
    USER("user-service", 8081, "users", false),
    POST("post-service", 8082, "posts", false),
    FEED("feed-service", 8083, null, true),
    NOTIFICATION("notification-service", 8084, "notifications", true);

    private final String module;
    private final int defaultPort;
    private final String mongoDatabase;
    private final boolean usesRedis;

    ServiceApp(String module, int defaultPort, String mongoDatabase, boolean usesRedis) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.mongoDatabase = mongoDatabase;
        this.usesRedis = usesRedis;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The MongoDB database the service keeps its documents in, or null if it keeps none. */
    public String mongoDatabase() {
        return mongoDatabase;
    }

    public boolean usesMongo() {
        return mongoDatabase != null;
    }

    public boolean usesRedis() {
        return usesRedis;
    }

    /** The environment variable that moves this service to another port, e.g. {@code USER_SERVICE_PORT}. */
    public String portVariable() {
        return module.replace('-', '_').toUpperCase(java.util.Locale.ROOT) + "_PORT";
    }
}
