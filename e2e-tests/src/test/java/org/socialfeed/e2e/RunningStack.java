package org.socialfeed.e2e;

import org.socialfeed.stack.ServiceApp;
import org.socialfeed.stack.SocialfeedStack;
import org.socialfeed.stack.StackSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole system, started once for all end-to-end tests exactly as the README's run command starts it
 * (same launcher, same packaged services), but on free ports and with its data in a temporary folder, so it can
 * run beside a stack someone already has running.
 */
final class RunningStack {

    /** Registered by the tests that need an admin; user-service grants it the admin role (social.admin.usernames). */
    static final String ADMIN_USERNAME = "e2e_admin";
    /**
     * Write limits far above what the tests send from one address and account, so the bad-input fuzzer is never
     * throttled; LimitsIT restarts a service with low limits to check the 429s.
     */
    static final String UNTHROTTLED = "1000000";

    /**
     * A system property: true runs the stack on a Redis Cluster (three primaries, three replicas) instead of one
     * node. The reliability profile sets it for the {@code *OnRedisClusterFaultIT} classes, in a test JVM of their own.
     */
    static final String ON_REDIS_CLUSTER = "socialfeed.e2e.redis-cluster";

    private static SocialfeedStack stack;
    private static Path data;
    private static Client admin;

    private RunningStack() {
    }

    static synchronized SocialfeedStack get() {
        if (stack == null) {
            try {
                Path root = Path.of(System.getProperty("socialfeed.project.root", "..")).toAbsolutePath().normalize();
                data = Files.createTempDirectory("socialfeed-e2e-");
                StackSettings settings = StackSettings.isolated(root, data).withServiceEnvironment(Map.of(
                        "SOCIAL_ADMIN_USERNAMES", ADMIN_USERNAME,
                        "SOCIAL_RATE_LIMIT_WRITES_PER_ACCOUNT", UNTHROTTLED,
                        "SOCIAL_RATE_LIMIT_WRITES_PER_ADDRESS", UNTHROTTLED,
                        // the webhook tests deliver to receivers on this machine
                        "SOCIAL_WEBHOOKS_ALLOW_PRIVATE_NETWORK", "true"));
                if (Boolean.getBoolean(ON_REDIS_CLUSTER)) {
                    settings = settings.withRedisCluster();
                }
                stack = SocialfeedStack.start(settings, line -> System.out.println("[stack] " + line));
            } catch (Exception e) {
                throw new IllegalStateException("The local stack did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /** Where the stack keeps its data, logs and the JWT key pair it generated. */
    static Path dataDirectory() {
        get();
        return data;
    }

    /** The admin account, registered on first use under the username the stack makes an admin. */
    static synchronized Client admin() {
        if (admin == null) {
            admin = Client.registerAndLogInAs(ADMIN_USERNAME);
        }
        return admin;
    }

    static String url(ServiceApp app) {
        return get().serviceUrl(app);
    }

    /** The one base URL of the whole API (the router in front of the services), as an app uses it. */
    static String apiUrl() {
        return get().apiUrl();
    }
}
