package org.socialfeed.notification.webhook;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF rule with the production default: private networks refused. */
class WebhookUrlGuardTest {

    private final WebhookUrlGuard guard = new WebhookUrlGuard(false,
            List.of(WebhookUrlGuard.HostPort.parse("93.184.215.14:9092")));

    @Test
    void refusesLoopbackPrivateLinkLocalAndOtherReservedAddresses() {
        for (String url : List.of("http://127.0.0.1/hook", "http://localhost:8080/hook", "http://[::1]/hook",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/", "http://169.254.169.254/latest",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://[fd00::1]/", "http://[fe80::1]/",
                "http://224.0.0.1/", "https://[::ffff:127.0.0.1]/")) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesOtherSchemesCredentialsAndTheInfrastructure() {
        assertThatThrownBy(() -> guard.check("file:///etc/passwd")).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.check("gopher://8.8.8.8/")).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.check("http://u:p@8.8.8.8/")).hasMessageContaining("credentials");
        assertThatThrownBy(() -> guard.check("http://93.184.215.14:9092/")).hasMessageContaining("infrastructure");
    }

    @Test
    void acceptsPublicAddresses() {
        assertThat(guard.check("https://8.8.8.8/hook").getHost()).isEqualTo("8.8.8.8");
        assertThat(guard.check("http://93.184.215.14:8080/hook").getPort()).isEqualTo(8080);
    }

    @Test
    void everyRedisNodeOfTheUriIsInfrastructure() {
        assertThat(WebhookUrlGuard.redisHosts("redis://:secret@93.184.215.20:6379/0")).containsExactly(
                new WebhookUrlGuard.HostPort("93.184.215.20", 6379));
        assertThat(WebhookUrlGuard.redisHosts("redis-cluster://93.184.215.21:7000, user:pw@93.184.215.22:7001,"))
                .containsExactly(new WebhookUrlGuard.HostPort("93.184.215.21", 7000),
                        new WebhookUrlGuard.HostPort("93.184.215.22", 7001));
        // read by redis-support, as the Redis client reads it: Redis's port when none is given
        assertThat(WebhookUrlGuard.redisHosts("rediss://user:pw@93.184.215.23?timeout=5s")).containsExactly(
                new WebhookUrlGuard.HostPort("93.184.215.23", 6379));
    }

    @Test
    void privateAddressesAreRecognised() throws Exception {
        assertThat(WebhookUrlGuard.isPrivate(InetAddress.getByName("100.127.255.255"))).isTrue();
        assertThat(WebhookUrlGuard.isPrivate(InetAddress.getByName("100.128.0.1"))).isFalse();
        assertThat(WebhookUrlGuard.isPrivate(InetAddress.getByName("1.1.1.1"))).isFalse();
    }
}
