package org.socialfeed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socialfeed.deploy.ProjectFacts.ServiceFacts;

/** Renders each overlay with `kubectl kustomize` and checks what an admin relies on. */
class OverlayManifestsTest {

    private static List<HasMetadata> resources(String overlay) {
        StrictManifestParser.Parsed parsed = StrictManifestParser.parse(Overlays.render(overlay));
        assertThat(parsed.errors()).as("parse errors of %s", overlay).isEmpty();
        return parsed.resources();
    }

    private static <T extends HasMetadata> Map<String, T> byName(String overlay, Class<T> type) {
        return resources(overlay).stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
    }

    private static List<GenericKubernetesResource> custom(String overlay, String kind) {
        return resources(overlay).stream().filter(r -> r instanceof GenericKubernetesResource && kind.equals(r.getKind()))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndPassesEveryCheck(String overlay) {
        List<String> violations = Overlays.check(overlay);
        if (!violations.isEmpty()) {
            fail(violations.size() + " problem(s) in overlays/" + overlay + ":\n  - " + String.join("\n  - ", violations));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void ingressRoutesMastodonPathsToTheOwningService(String overlay) {
        List<Ingress> ingresses = resources(overlay).stream().filter(Ingress.class::isInstance).map(Ingress.class::cast).toList();
        String host = ingresses.get(0).getSpec().getRules().get(0).getHost();
        IngressRouter router = new IngressRouter(ingresses, host);
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/api/v1/accounts/verify_credentials", "user-service"),
                Map.entry("/api/v1/accounts/relationships", "user-service"),
                Map.entry("/api/v1/accounts/109/follow", "user-service"),
                Map.entry("/api/v1/accounts", "user-service"),
                Map.entry("/api/v1/accounts/109/statuses", "post-service"),
                Map.entry("/api/v1/accounts/109/statuses/", "post-service"),
                Map.entry("/oauth/token", "user-service"),
                Map.entry("/api/v1/follow_requests/7/authorize", "user-service"),
                Map.entry("/api/v1/blocks", "user-service"),
                Map.entry("/api/v1/mutes", "user-service"),
                Map.entry("/api/v1/instance", "user-service"),
                Map.entry("/api/v1/instance/rules", "user-service"),
                Map.entry("/api/v2/instance", "user-service"),
                Map.entry("/api/v1/statuses", "post-service"),
                Map.entry("/api/v1/statuses/42/favourite", "post-service"),
                Map.entry("/api/v1/conversations", "post-service"),
                Map.entry("/api/v1/conversations/42/read", "post-service"),
                Map.entry("/api/v1/timelines/home", "feed-service"),
                Map.entry("/api/v1/streaming/home", "feed-service"),
                Map.entry("/api/v1/streaming", "feed-service"),
                Map.entry("/api/v1/streaming/user", "feed-service"),
                Map.entry("/api/v1/streaming/health", "feed-service"),
                Map.entry("/api/v1/streaming/user/notification", "notification-service"),
                Map.entry("/api/v1/notifications", "notification-service"),
                Map.entry("/api/v1/notifications/3/dismiss", "notification-service"),
                Map.entry("/api/v2/notifications", "notification-service"),
                Map.entry("/api/v2/notifications/unread_count", "notification-service"),
                Map.entry("/api/v2/notifications/policy", "notification-service"),
                Map.entry("/api/v1/markers", "notification-service"),
                Map.entry("/api/v1/streaming/notifications", "notification-service"),
                Map.entry("/api/v1/push/subscription", "notification-service"),
                Map.entry("/api/v1/webhooks", "notification-service"));
        assertAll(expected.entrySet().stream().map(e -> () -> assertThat(router.route(e.getKey()))
                .as("route of %s", e.getKey())
                .hasValueSatisfying(r -> assertThat(r.service()).isEqualTo(e.getValue()))));
        for (String unrouted : List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/api/v1/accountsettings", "/api/v1/statusesx",
                "/api/v1/instances", "/api/v1/conversationsx")) {
            assertThat(router.route(unrouted)).as("%s must not be routed", unrouted).isEmpty();
        }
        for (String stream : List.of("/api/v1/streaming", "/api/v1/streaming/home", "/api/v1/streaming/user",
                "/api/v1/streaming/user/notification", "/api/v1/streaming/notifications")) {
            IngressRouter.Route route = router.route(stream).orElseThrow();
            assertThat(route.annotation("nginx.ingress.kubernetes.io/proxy-buffering")).as(stream).isEqualTo("off");
            assertThat(Integer.parseInt(route.annotation("nginx.ingress.kubernetes.io/proxy-read-timeout")))
                    .as("read timeout of %s", stream).isGreaterThanOrEqualTo(3600);
        }
    }

    /**
     * bin/run-local's router reads the base Ingress (ADR 11): an overlay that changed a path or its service would make
     * the local API route differently from the cluster's.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlayRoutesExactlyLikeTheBaseIngressTheLocalRouterReads(String overlay) throws IOException {
        StrictManifestParser.Parsed base = StrictManifestParser.parse(
                Files.readString(Overlays.k8sDir().resolve("base/ingress.yaml"), StandardCharsets.UTF_8));
        assertThat(base.errors()).isEmpty();
        assertThat(routes(resources(overlay))).isEqualTo(routes(base.resources()));
    }

    /** "path regex -> Service name" of every Ingress path of the manifests, sorted. */
    private static List<String> routes(List<HasMetadata> manifests) {
        return manifests.stream().filter(Ingress.class::isInstance).map(Ingress.class::cast)
                .flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(path -> path.getPath() + " -> " + path.getBackend().getService().getName()).sorted().toList();
    }

    @Test
    void devRunsOneReplicaEachWithInClusterStores() {
        Map<String, Deployment> deployments = byName("dev", Deployment.class);
        for (ServiceFacts s : ProjectFacts.SERVICES) {
            assertThat(deployments.get(s.name()).getSpec().getReplicas()).as(s.name()).isEqualTo(1);
        }
        Map<String, StatefulSet> stores = byName("dev", StatefulSet.class);
        assertThat(stores).containsOnlyKeys("kafka", "redis", "mongodb");
        stores.values().forEach(sts -> assertThat(sts.getSpec().getVolumeClaimTemplates()).as(sts.getMetadata().getName()).isNotEmpty());
        assertThat(stores.get("mongodb").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--replSet");
        assertThat(env(stores.get("kafka").getSpec().getTemplate().getSpec().getContainers().get(0)))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");

        String topicScript = String.join("\n", byName("dev", Job.class).get("kafka-topics-init").getSpec().getTemplate()
                .getSpec().getContainers().get(0).getCommand());
        for (String topic : List.of("users.events", "follows.events", "posts.events", "interactions.events", "notifications.push",
                "users.events.dlq", "follows.events.dlq", "posts.events.dlq", "interactions.events.dlq")) {
            assertThat(topicScript).as("dev topic job").containsPattern("create " + topic.replace(".", "\\.") + " \\d");
        }
        assertThat(topicScript).contains("create follows.events 3 --config cleanup.policy=compact");
    }

    private static Map<String, String> env(Container c) {
        return ManifestChecker.nullSafe(c.getEnv()).stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void prodIsHighlyAvailableAndAutoscaled() {
        Map<String, Deployment> deployments = byName("prod", Deployment.class);
        Map<String, HorizontalPodAutoscaler> hpas = byName("prod", HorizontalPodAutoscaler.class);
        Map<String, PodDisruptionBudget> pdbs = byName("prod", PodDisruptionBudget.class);
        Map<String, GenericKubernetesResource> scaledObjects = custom("prod", "ScaledObject").stream()
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
        assertThat(byName("prod", StatefulSet.class)).as("prod runs no datastore itself").isEmpty();

        for (ServiceFacts s : ProjectFacts.SERVICES) {
            Deployment d = deployments.get(s.name());
            assertThat(d.getSpec().getReplicas()).as("%s: the autoscaler owns replicas", s.name()).isNull();
            assertThat(pdbs).as("PodDisruptionBudgets").containsKey(s.name());
            List<TopologySpreadConstraint> spread = d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints();
            assertThat(spread).as("%s spread", s.name()).extracting(TopologySpreadConstraint::getTopologyKey)
                    .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            boolean eventDriven = s.name().equals("feed-service") || s.name().equals("notification-service");
            if (eventDriven) {
                GenericKubernetesResource so = scaledObjects.get(s.name());
                assertThat(so).as("KEDA ScaledObject of %s", s.name()).isNotNull();
                assertThat(ManifestChecker.integer(ManifestChecker.at(so, "spec", "minReplicaCount"))).isGreaterThanOrEqualTo(3);
                List<?> triggers = ManifestChecker.list(ManifestChecker.at(so, "spec", "triggers"));
                assertThat(triggers).anySatisfy(t -> {
                    assertThat(((Map<?, ?>) t).get("type")).isEqualTo("kafka");
                    assertThat(((Map<?, ?>) ((Map<?, ?>) t).get("metadata")).get("consumerGroup")).isEqualTo(s.name());
                });
                assertThat(hpas).doesNotContainKey(s.name());
            } else {
                HorizontalPodAutoscaler hpa = hpas.get(s.name());
                assertThat(hpa).as("HPA of %s", s.name()).isNotNull();
                assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
                assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
            }
        }
        assertThat(Overlays.render("prod")).contains("KAFKA_BOOTSTRAP_SERVERS: socialfeed-kafka-bootstrap:9092");
    }

    @Test
    void prodDeclaresTheTopicsWithTheirPartitionsAndPolicies() {
        Map<String, GenericKubernetesResource> topics = custom("prod", "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> String.valueOf(ManifestChecker.at(t, "spec", "topicName")), Function.identity()));
        Map<String, Integer> partitions = Map.of("users.events", 6, "follows.events", 12, "posts.events", 12,
                "interactions.events", 12, "notifications.push", 12);
        assertThat(topics.keySet()).containsExactlyInAnyOrder("users.events", "follows.events", "posts.events",
                "interactions.events", "notifications.push", "users.events.dlq", "follows.events.dlq", "posts.events.dlq",
                "interactions.events.dlq");
        partitions.forEach((topic, count) -> {
            assertThat(ManifestChecker.integer(ManifestChecker.at(topics.get(topic), "spec", "partitions"))).as(topic).isEqualTo(count);
        });
        topics.forEach((topic, t) -> {
            assertThat(ManifestChecker.integer(ManifestChecker.at(t, "spec", "replicas"))).as("%s replicas", topic).isEqualTo(3);
            assertThat(ManifestChecker.integer(ManifestChecker.at(t, "spec", "config", "min.insync.replicas"))).as(topic).isEqualTo(2);
            Object policy = ManifestChecker.at(t, "spec", "config", "cleanup.policy");
            assertThat(policy).as("%s cleanup.policy", topic).isEqualTo(topic.equals("follows.events") ? "compact" : null);
        });
        GenericKubernetesResource kafka = custom("prod", "Kafka").get(0);
        assertThat(ManifestChecker.at(kafka, "spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);
    }

    @Test
    void everyExternalSecretIsDocumentedForTheAdmin() throws IOException {
        String readme = Files.readString(Overlays.readme(), StandardCharsets.UTF_8);
        Map<String, java.util.Set<String>> external = Overlays.externalSecrets("prod");
        assertThat(external).isNotEmpty();
        external.forEach((secret, keys) -> {
            assertThat(readme).as("deploy/README.md documents Secret %s", secret).contains(secret);
            keys.forEach(key -> assertThat(readme).as("deploy/README.md documents key %s of %s", key, secret).contains(key));
        });
        assertThat(Overlays.externalSecrets("dev")).as("dev creates all its Secrets").isEmpty();
    }

    @Test
    void prodDocumentsWhatEveryNodeOfARedisClusterNeeds() throws IOException {
        Map<String, String> settings = new HashMap<>();
        Files.readAllLines(Overlays.k8sDir().resolve("overlays/prod/redis-cluster.conf")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(line -> settings.put(line.split("\\s+")[0], line.split("\\s+", 2)[1]));
        assertThat(settings).containsEntry("cluster-enabled", "yes")
                .containsEntry("cluster-require-full-coverage", "yes")
                .containsKeys("cluster-node-timeout", "maxmemory-policy");
        assertThat(Integer.parseInt(settings.get("zset-max-listpack-entries")))
                .as("compact timelines: above the timeline cap").isGreaterThan(ProjectFacts.TIMELINE_CAP);

        String readme = Files.readString(Overlays.readme(), StandardCharsets.UTF_8);
        String secrets = Files.readString(Overlays.k8sDir().resolve("overlays/prod/external-secrets.txt"));
        assertThat(readme).contains("redis-cluster://", "redis-cluster.conf");
        assertThat(secrets).contains("redis-cluster://");
    }
}
