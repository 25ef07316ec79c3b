package org.socialfeed.deploy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the manifests must agree with: the four services, their ports, which stores they own and
 * which configuration they read. Fixed here on purpose: a manifest that drifts from it fails.
 */
final class ProjectFacts {

    static final int DNS_PORT = 53;
    static final int KAFKA_PORT = 9092;
    static final int MONGODB_PORT = 27017;
    static final Set<Integer> REDIS_PORTS = Set.of(6379, 6380);
    static final int HTTPS_PORT = 443;
    /** feed-service's social.feed.max-timeline-size: Redis must keep sorted sets this large compact. */
    static final int TIMELINE_CAP = 800;

    static final String ENV_HTTP_PORT = "QUARKUS_HTTP_PORT";
    static final String ENV_KAFKA = "KAFKA_BOOTSTRAP_SERVERS";
    static final String ENV_MONGODB = "QUARKUS_MONGODB_CONNECTION_STRING";
    static final String ENV_REDIS = "SOCIAL_REDIS_URI";
    static final String ENV_JWT_PUBLIC_KEY = "MP_JWT_VERIFY_PUBLICKEY_LOCATION";
    static final String ENV_JWT_ISSUER = "MP_JWT_VERIFY_ISSUER";
    static final String ENV_JWT_SIGN_KEY = "SMALLRYE_JWT_SIGN_KEY_LOCATION";

    /** Environment variables that only some services may have (least privilege). */
    static final Set<String> RESTRICTED_ENV = Set.of(ENV_MONGODB, ENV_REDIS, ENV_JWT_SIGN_KEY);
    /** Environment variables that must come from a Secret, never a ConfigMap or a literal. */
    static final Set<String> SECRET_ENV = Set.of(ENV_MONGODB, ENV_REDIS);

    record ServiceFacts(String name, int port, String mongoDatabase, boolean redis, boolean signsTokens, boolean sendsWebhooks) {

        String image(String version) {
            return "socialfeed/" + name + ":" + version;
        }

        boolean mongo() {
            return mongoDatabase != null;
        }

        Set<String> requiredEnv() {
            Set<String> env = new TreeSet<>(List.of(ENV_HTTP_PORT, ENV_KAFKA, ENV_JWT_PUBLIC_KEY, ENV_JWT_ISSUER));
            if (mongo()) {
                env.add(ENV_MONGODB);
            }
            if (redis) {
                env.add(ENV_REDIS);
            }
            if (signsTokens) {
                env.add(ENV_JWT_SIGN_KEY);
            }
            return env;
        }

        /** Ports this service may open connections to: DNS, Kafka, its own stores, HTTPS for webhooks. */
        Set<Integer> allowedEgressPorts() {
            Set<Integer> ports = new TreeSet<>(List.of(DNS_PORT, KAFKA_PORT));
            if (mongo()) {
                ports.add(MONGODB_PORT);
            }
            if (redis) {
                ports.addAll(REDIS_PORTS);
            }
            if (sendsWebhooks) {
                ports.add(HTTPS_PORT);
            }
            return ports;
        }
    }

    static final List<ServiceFacts> SERVICES = List.of(
            new ServiceFacts("user-service", 8081, "users", false, true, false),
            new ServiceFacts("post-service", 8082, "posts", false, false, false),
            new ServiceFacts("feed-service", 8083, null, true, false, false),
            new ServiceFacts("notification-service", 8084, "notifications", true, false, true));

    static Optional<ServiceFacts> service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The project version the images must be tagged with; passed by Maven from ${project.version}. */
    static String version() {
        String version = System.getProperty("socialfeed.version");
        if (version == null || version.isBlank() || version.contains("${")) {
            throw new AssertionError("system property socialfeed.version is not set: run the test through Maven "
                    + "(mvn -f deploy/pom.xml test), which passes ${project.version}");
        }
        return version;
    }

    private ProjectFacts() {
    }
}
