package org.socialfeed.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The checker must fail on broken manifests: each test renders an overlay, breaks one thing in a
 * copy of the rendered documents and expects a violation that names it.
 */
class BrokenManifestsTest {

    /** Breaks a copy of the rendered overlay and returns the checker's verdict. */
    private static List<String> checkBroken(String overlay, Consumer<List<ObjectNode>> mutation) {
        List<ObjectNode> docs = StrictManifestParser.documents(Overlays.render(overlay)).stream()
                .map(StrictManifestParser::copy).toList();
        mutation.accept(docs);
        return ManifestChecker.check(StrictManifestParser.write(docs), Overlays.options(overlay));
    }

    private static List<String> checkBroken(String overlay, Map<String, Set<String>> externalSecrets,
            Consumer<List<ObjectNode>> mutation) {
        List<ObjectNode> docs = StrictManifestParser.documents(Overlays.render(overlay)).stream()
                .map(StrictManifestParser::copy).toList();
        mutation.accept(docs);
        ManifestChecker.Options base = Overlays.options(overlay);
        return ManifestChecker.check(StrictManifestParser.write(docs),
                new ManifestChecker.Options(base.version(), externalSecrets, base.infraImageRepos()));
    }

    private static ObjectNode find(List<ObjectNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the render"));
    }

    /** Finds a resource whose generated name (kustomize hash suffix) starts with the given name. */
    private static ObjectNode findGenerated(List<ObjectNode> docs, String kind, String prefix) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && d.path("metadata").path("name").asText().startsWith(prefix + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no generated " + kind + " " + prefix));
    }

    private static ObjectNode container(List<ObjectNode> docs, String deployment) {
        return (ObjectNode) find(docs, "Deployment", deployment).at("/spec/template/spec/containers/0");
    }

    private static ObjectNode env(List<ObjectNode> docs, String deployment, String name) {
        for (JsonNode e : container(docs, deployment).withArray("env")) {
            if (name.equals(e.path("name").asText())) {
                return (ObjectNode) e;
            }
        }
        throw new AssertionError("no env " + name + " in " + deployment);
    }

    @Test
    void theUnbrokenRendersPass() {
        assertThat(checkBroken("dev", docs -> { })).isEmpty();
        assertThat(checkBroken("prod", docs -> { })).isEmpty();
    }

    @Test
    void missingReadinessProbe() {
        assertThat(checkBroken("prod", docs -> container(docs, "feed-service").remove("readinessProbe")))
                .anySatisfy(v -> assertThat(v).contains("feed-service").contains("has no readinessProbe"));
    }

    @Test
    void livenessProbeOnTheWrongPath() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) container(docs, "post-service").at("/livenessProbe/httpGet"))
                .put("path", "/health")))
                .anySatisfy(v -> assertThat(v).contains("post-service").contains("livenessProbe checks /health"));
    }

    @Test
    void unknownFieldIsRejected() {
        assertThat(checkBroken("dev", docs -> {
            ObjectNode c = container(docs, "user-service");
            c.set("readinesProbe", c.remove("readinessProbe"));
        })).anySatisfy(v -> assertThat(v).contains("Deployment user-service").contains("readinesProbe"));
    }

    @Test
    void unknownSpecFieldOfCustomResourceIsRejected() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "KafkaTopic", "posts.events").get("spec"))
                .put("partition", 12)))
                .anySatisfy(v -> assertThat(v).contains("KafkaTopic posts.events").contains("partition"));
    }

    @Test
    void serviceSelectorThatSelectsNothing() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "Service", "post-service").at("/spec/selector"))
                .put("app.kubernetes.io/name", "post-svc")))
                .anySatisfy(v -> assertThat(v).contains("Service post-service").contains("selects 0 workloads"));
    }

    @Test
    void deploymentSelectorThatMissesItsPods() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) find(docs, "Deployment", "feed-service").at("/spec/selector/matchLabels"))
                .put("tier", "backend")))
                .anySatisfy(v -> assertThat(v).contains("Deployment feed-service").contains("does not match its pod template labels"));
    }

    @Test
    void missingSecretKey() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) env(docs, "user-service", "QUARKUS_MONGODB_CONNECTION_STRING")
                .at("/valueFrom/secretKeyRef")).put("key", "conn-string")))
                .anySatisfy(v -> assertThat(v).contains("user-service").contains("key conn-string of Secret"));
    }

    @Test
    void missingConfigMap() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) env(docs, "notification-service", "KAFKA_BOOTSTRAP_SERVERS")
                .at("/valueFrom/configMapKeyRef")).put("name", "kafka-config")))
                .anySatisfy(v -> assertThat(v).contains("notification-service").contains("ConfigMap kafka-config, which is not in the render"));
    }

    @Test
    void secretThatIsNeitherRenderedNorDeclaredExternal() {
        Map<String, Set<String>> withoutTls = new LinkedHashMap<>(Overlays.externalSecrets("prod"));
        withoutTls.remove("socialfeed-tls");
        assertThat(checkBroken("prod", withoutTls, docs -> { }))
                .anySatisfy(v -> assertThat(v).contains("Secret socialfeed-tls, which is neither in the render nor declared"));
    }

    @Test
    void externalSecretWithoutTheReferencedKey() {
        Map<String, Set<String>> wrongKey = new HashMap<>(Overlays.externalSecrets("prod"));
        wrongKey.put("socialfeed-jwt-public", Set.of("public.pem"));
        assertThat(checkBroken("prod", wrongKey, docs -> { }))
                .anySatisfy(v -> assertThat(v).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION").contains("has no key publicKey.pem"));
    }

    @Test
    void jwtKeyFileOutsideTheSecretMount() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) findGenerated(docs, "ConfigMap", "socialfeed-config").get("data"))
                .put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "/etc/keys/publicKey.pem")))
                .anySatisfy(v -> assertThat(v).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=/etc/keys/publicKey.pem is not under any volume mount"));
    }

    @Test
    void signingKeyMountedIntoAnotherService() {
        assertThat(checkBroken("dev", docs -> {
            JsonNode signing = find(docs, "Deployment", "user-service").at("/spec/template/spec/volumes").get(2);
            assertThat(signing.path("name").asText()).isEqualTo("jwt-signing");
            ((ArrayNode) find(docs, "Deployment", "feed-service").at("/spec/template/spec/volumes")).add(signing.deepCopy());
        })).anySatisfy(v -> assertThat(v).contains("Deployment feed-service gets the JWT signing key"));
    }

    @Test
    void latestTag() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) find(docs, "StatefulSet", "redis").at("/spec/template/spec/containers/0"))
                .put("image", "redis:latest")))
                .anySatisfy(v -> assertThat(v).contains("redis:latest"));
    }

    @Test
    void projectImageAtAnotherVersion() {
        assertThat(checkBroken("prod", docs -> container(docs, "post-service").put("image", "socialfeed/post-service:0.0.9")))
                .anySatisfy(v -> assertThat(v).contains("image is socialfeed/post-service:0.0.9, expected socialfeed/post-service:"
                        + ProjectFacts.version()));
    }

    @Test
    void unpinnedInfraImage() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) find(docs, "StatefulSet", "mongodb").at("/spec/template/spec/containers/0"))
                .put("image", "mongo:7")))
                .anySatisfy(v -> assertThat(v).contains("mongo:7 must be pinned"));
    }

    @Test
    void privilegeEscalation() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) container(docs, "user-service").get("securityContext"))
                .put("allowPrivilegeEscalation", true)))
                .anySatisfy(v -> assertThat(v).contains("user-service").contains("allowPrivilegeEscalation is not false"));
    }

    @Test
    void writableRootFilesystem() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) container(docs, "feed-service").get("securityContext"))
                .put("readOnlyRootFilesystem", false)))
                .anySatisfy(v -> assertThat(v).contains("feed-service").contains("readOnlyRootFilesystem is not true"));
    }

    @Test
    void missingMemoryLimit() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) container(docs, "notification-service").at("/resources/limits"))
                .remove("memory")))
                .anySatisfy(v -> assertThat(v).contains("notification-service").contains("no resources.limits.memory"));
    }

    @Test
    void rollingUpdateThatDropsCapacity() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "Deployment", "user-service").at("/spec/strategy/rollingUpdate"))
                .put("maxUnavailable", 1)))
                .anySatisfy(v -> assertThat(v).contains("Deployment user-service: rolling updates must keep capacity"));
    }

    @Test
    void hardSpreadThatCountsTaintedNodes() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "Deployment", "post-service")
                .at("/spec/template/spec/topologySpreadConstraints/1")).remove("nodeTaintsPolicy")))
                .anySatisfy(v -> assertThat(v).contains("Deployment post-service: topology spread on kubernetes.io/hostname"));
    }

    @Test
    void pdbThatSelectsNothing() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "PodDisruptionBudget", "feed-service").at("/spec/selector/matchLabels"))
                .put("app.kubernetes.io/name", "feed")))
                .anySatisfy(v -> assertThat(v).contains("PodDisruptionBudget feed-service selects 0 workloads"));
    }

    @Test
    void pdbThatBlocksDrains() {
        assertThat(checkBroken("prod", docs -> {
            ObjectNode spec = (ObjectNode) find(docs, "PodDisruptionBudget", "user-service").get("spec");
            spec.remove("maxUnavailable");
            spec.put("minAvailable", 3);
        })).anySatisfy(v -> assertThat(v).contains("PodDisruptionBudget user-service allows no eviction"));
    }

    @Test
    void autoscalerTargetThatDoesNotExist() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "HorizontalPodAutoscaler", "post-service").at("/spec/scaleTargetRef"))
                .put("name", "posts")))
                .anySatisfy(v -> assertThat(v).contains("HorizontalPodAutoscaler post-service targets Deployment posts"));
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "ScaledObject", "feed-service").at("/spec/scaleTargetRef"))
                .put("name", "feed")))
                .anySatisfy(v -> assertThat(v).contains("ScaledObject feed-service targets Deployment feed"));
    }

    @Test
    void twoAutoscalersOnOneDeployment() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "HorizontalPodAutoscaler", "post-service").at("/spec/scaleTargetRef"))
                .put("name", "feed-service")))
                .anySatisfy(v -> assertThat(v).contains("Deployment feed-service has several autoscalers"));
    }

    @Test
    void kafkaBootstrapThatResolvesToNothing() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) findGenerated(docs, "ConfigMap", "socialfeed-config").get("data"))
                .put("KAFKA_BOOTSTRAP_SERVERS", "my-cluster-kafka-bootstrap:9092")))
                .anySatisfy(v -> assertThat(v).contains("my-cluster-kafka-bootstrap:9092 is not a Service"));
    }

    @Test
    void egressToAnotherServicesStore() {
        assertThat(checkBroken("dev", docs -> {
            ObjectNode rule = (ObjectNode) find(docs, "NetworkPolicy", "feed-service-egress").at("/spec/egress/0");
            ((ObjectNode) rule.at("/ports/0")).put("port", 27017);
        })).anySatisfy(v -> assertThat(v).contains("lets feed-service reach port 27017"));
    }

    @Test
    void unrestrictedEgress() {
        assertThat(checkBroken("prod", docs -> ((ArrayNode) find(docs, "NetworkPolicy", "post-service-egress").at("/spec/egress"))
                .addObject()))
                .anySatisfy(v -> assertThat(v).contains("NetworkPolicy post-service-egress lets post-service open connections on any port"));
    }

    @Test
    void noDefaultDeny() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) find(docs, "NetworkPolicy", "default-deny-all").get("spec"))
                .putArray("egress").addObject()))
                .anySatisfy(v -> assertThat(v).contains("no default-deny NetworkPolicy"));
    }

    @Test
    void ingressToAServiceThatDoesNotExist() {
        assertThat(checkBroken("dev", docs -> ((ObjectNode) find(docs, "Ingress", "socialfeed-api")
                .at("/spec/rules/0/http/paths/0/backend/service")).put("name", "posts")))
                .anySatisfy(v -> assertThat(v).contains("routes to Service posts, which is not in the render"));
    }

    @Test
    void kafkaTopicOfAnotherCluster() {
        assertThat(checkBroken("prod", docs -> ((ObjectNode) find(docs, "KafkaTopic", "follows.events").at("/metadata/labels"))
                .put("strimzi.io/cluster", "other")))
                .anySatisfy(v -> assertThat(v).contains("KafkaTopic follows.events belongs to cluster other"));
    }

    @Test
    void credentialsFromAConfigMap() {
        assertThat(checkBroken("dev", docs -> {
            ObjectNode e = env(docs, "post-service", "QUARKUS_MONGODB_CONNECTION_STRING");
            e.remove("valueFrom");
            e.put("value", "mongodb://mongodb-0.mongodb:27017/posts?replicaSet=rs0");
        })).anySatisfy(v -> assertThat(v).contains("QUARKUS_MONGODB_CONNECTION_STRING holds credentials and must come from a Secret"));
    }

    @Test
    void storeOfAnotherService() {
        assertThat(checkBroken("dev", docs -> {
            ObjectNode e = env(docs, "post-service", "QUARKUS_MONGODB_CONNECTION_STRING").deepCopy();
            e.put("name", "SOCIAL_REDIS_URI");
            container(docs, "post-service").withArray("env").add(e);
        })).anySatisfy(v -> assertThat(v).contains("post-service").contains("env SOCIAL_REDIS_URI belongs to another service"));
    }
}
