package org.socialfeed.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.socialfeed.notification.config.NotificationConfig;
import org.socialfeed.redis.LettuceClient;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses webhook targets that would turn this service against its own network (SSRF): schemes other than http(s),
 * hosts that resolve to loopback, link-local (cloud metadata), private, carrier-grade NAT, multicast or unspecified
 * addresses (allowed only with {@code social.webhooks.allow-private-network=true}, for tests and closed networks),
 * and, always, the service's own infrastructure: Kafka, MongoDB, Redis, the other services and this one.
 * Checked on registration and again before every delivery, since DNS answers change.
 */
@ApplicationScoped
public class WebhookUrlGuard {

    private final boolean allowPrivateNetwork;
    private final List<HostPort> infrastructure;

    @Inject
    public WebhookUrlGuard(NotificationConfig config, Config allConfig) {
        this(config.webhooks().allowPrivateNetwork(), infrastructure(config, allConfig));
    }

    WebhookUrlGuard(boolean allowPrivateNetwork, List<HostPort> infrastructure) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.infrastructure = infrastructure;
    }

    /** A host, and a port (-1: every port), that webhooks may not reach. */
    record HostPort(String host, int port) {
        static HostPort parse(String entry) {
            String value = entry.trim();
            if (value.contains("://")) {
                URI uri = URI.create(value);
                return new HostPort(uri.getHost(), uri.getPort() == -1 ? defaultPort(uri.getScheme()) : uri.getPort());
            }
            int colon = value.lastIndexOf(':');
            if (colon > 0 && value.indexOf(':') == colon) {
                return new HostPort(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            }
            return new HostPort(value, -1);
        }
    }

    /** @return the URL to deliver to; throws {@link IllegalArgumentException} saying why it is refused */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must name a host (and no credentials)");
        }
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("url host '" + uri.getHost() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInfrastructure(address, port)) {
                throw new IllegalArgumentException("url points at this service's own infrastructure");
            }
            if (!allowPrivateNetwork && isPrivate(address)) {
                throw new IllegalArgumentException("url points at a private, loopback or link-local address");
            }
        }
        return uri;
    }

    private boolean isInfrastructure(InetAddress address, int port) {
        for (HostPort blocked : infrastructure) {
            if (blocked.port() != -1 && blocked.port() != port) {
                continue;
            }
            try {
                for (InetAddress blockedAddress : InetAddress.getAllByName(blocked.host())) {
                    if (blockedAddress.equals(address) || (blockedAddress.isLoopbackAddress() || blockedAddress.isAnyLocalAddress())
                            && (address.isLoopbackAddress() || address.isAnyLocalAddress())) {
                        return true;
                    }
                }
            } catch (UnknownHostException e) {
                // an infrastructure host this instance cannot resolve cannot be reached through it either
            }
        }
        return false;
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) // 0/8, carrier-grade NAT 100.64/10
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0/24, IETF protocol assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18/15, benchmarking
                || first >= 240; // reserved and broadcast
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /**
     * Every Redis node {@code social.redis.uri} names, as redis-support reads it (the cluster's nodes beyond its seeds
     * are not named anywhere: list them in {@code social.webhooks.blocked-hosts}, or better, keep them off the
     * webhooks' network).
     */
    static List<HostPort> redisHosts(String uri) {
        return LettuceClient.nodesNamedBy(uri).stream()
                .map(node -> new HostPort(node.getHostString(), node.getPort()))
                .toList();
    }

    /** Kafka, MongoDB, Redis, the services' URLs, this service's port, and the configured extra hosts. */
    private static List<HostPort> infrastructure(NotificationConfig config, Config all) {
        List<HostPort> hosts = new ArrayList<>();
        all.getOptionalValue("kafka.bootstrap.servers", String.class).ifPresent(servers -> {
            for (String server : servers.split(",")) {
                hosts.add(HostPort.parse(server.replaceFirst("^[A-Za-z_]+://", "")));
            }
        });
        all.getOptionalValue("quarkus.mongodb.connection-string", String.class).ifPresent(mongo -> {
            String hostList = mongo.replaceFirst("^mongodb(\\+srv)?://", "").replaceFirst("^[^@/]*@", "")
                    .replaceFirst("[/?].*$", "");
            for (String host : hostList.split(",")) {
                hosts.add(host.contains(":") ? HostPort.parse(host) : new HostPort(host, 27017));
            }
        });
        hosts.addAll(redisHosts(all.getValue("social.redis.uri", String.class)));
        for (String service : List.of("social.user-service.url", "social.post-service.url",
                "social.feed-service.url", "social.notification-service.url")) {
            Optional<String> url = all.getOptionalValue(service, String.class);
            url.ifPresent(value -> hosts.add(HostPort.parse(value)));
        }
        all.getOptionalValue("quarkus.http.port", Integer.class)
                .ifPresent(port -> hosts.add(new HostPort("localhost", port)));
        config.webhooks().blockedHosts().ifPresent(extra -> extra.forEach(entry -> hosts.add(HostPort.parse(entry))));
        return hosts;
    }
}
