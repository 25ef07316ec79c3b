package org.socialfeed.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses rendered multi-document YAML into fabric8 model objects, rejecting what the API server
 * would reject or silently drop: unknown kinds, unknown fields, wrong types.
 *
 * <p>fabric8's model classes accept any unknown field into an "additionalProperties" map (a
 * {@code @JsonAnySetter}); that would let a typo such as {@code readinesProbe} through. This
 * parser switches those any-setters off, so Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies to
 * every nested object. Custom resources (KEDA, Strimzi) have no model here: they are read as
 * {@link GenericKubernetesResource} with strict metadata and an allow-list of spec fields, and
 * the checker looks at the fields it relies on.
 */
final class StrictManifestParser {

    record Parsed(List<HasMetadata> resources, List<String> errors) {
    }

    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    /** Custom resources we accept, with the spec fields their CRDs define (top level). */
    static final Map<String, Set<String>> CUSTOM_KINDS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
                    "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback",
                    "advanced", "triggers"),
            "kafka.strimzi.io/v1beta2/Kafka", Set.of("kafka", "entityOperator", "cruiseControl", "kafkaExporter",
                    "clusterCa", "clientsCa", "maintenanceTimeWindows"),
            "kafka.strimzi.io/v1beta2/KafkaNodePool", Set.of("replicas", "roles", "storage", "resources",
                    "jvmOptions", "template"),
            "kafka.strimzi.io/v1beta2/KafkaTopic", Set.of("topicName", "partitions", "replicas", "config"));

    private static final Set<String> TOP_LEVEL_CUSTOM = Set.of("apiVersion", "kind", "metadata", "spec");

    static final YAMLMapper YAML = new YAMLMapper();

    private static final ObjectMapper STRICT = YAMLMapper.builder()
            .annotationIntrospector(new NoAnySetterIntrospector())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static final ObjectMapper LENIENT = new YAMLMapper();

    /** Turns off fabric8's catch-all additionalProperties so that unknown fields fail. */
    private static final class NoAnySetterIntrospector extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            if (annotated instanceof AnnotatedMember member) {
                Class<?> owner = member.getDeclaringClass();
                if (owner.getName().startsWith("io.fabric8.") && owner != GenericKubernetesResource.class) {
                    return Boolean.FALSE;
                }
            }
            return super.hasAnySetter(annotated);
        }
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !(doc.isObject() && doc.isEmpty())) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("rendered output is not YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    static String write(List<? extends JsonNode> docs) {
        StringBuilder out = new StringBuilder();
        try {
            for (JsonNode doc : docs) {
                String text = YAML.writeValueAsString(doc);
                out.append(text.startsWith("---") ? text : "---\n" + text);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static Parsed parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode doc : documents(yaml)) {
            index++;
            String apiVersion = doc.path("apiVersion").asText("");
            String kind = doc.path("kind").asText("");
            String name = doc.path("metadata").path("name").asText("?");
            String where = "document " + index + " (" + apiVersion + " " + kind + " " + name + ")";
            if (apiVersion.isEmpty() || kind.isEmpty()) {
                errors.add(where + ": has no apiVersion/kind");
                continue;
            }
            String type = apiVersion + "/" + kind;
            Class<? extends HasMetadata> modelClass = KINDS.get(type);
            try {
                if (modelClass != null) {
                    resources.add(STRICT.treeToValue(doc, modelClass));
                } else if (CUSTOM_KINDS.containsKey(type)) {
                    resources.add(parseCustom(doc, type, where, errors));
                } else {
                    errors.add(where + ": kind " + type + " is not one this project deploys; "
                            + "add it to StrictManifestParser if it is meant to be there");
                }
            } catch (JsonProcessingException e) {
                errors.add(where + ": does not match the Kubernetes schema: " + e.getOriginalMessage()
                        + pathOf(e));
            }
        }
        return new Parsed(resources, errors);
    }

    private static GenericKubernetesResource parseCustom(JsonNode doc, String type, String where, List<String> errors)
            throws JsonProcessingException {
        Iterator<String> fields = doc.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!TOP_LEVEL_CUSTOM.contains(field)) {
                errors.add(where + ": unknown top-level field '" + field + "'");
            }
        }
        STRICT.treeToValue(doc.path("metadata"), ObjectMeta.class);
        JsonNode spec = doc.path("spec");
        if (!spec.isObject()) {
            errors.add(where + ": has no spec");
        } else {
            Set<String> unknown = new TreeSet<>();
            spec.fieldNames().forEachRemaining(unknown::add);
            unknown.removeAll(CUSTOM_KINDS.get(type));
            if (!unknown.isEmpty()) {
                errors.add(where + ": unknown spec field(s) " + unknown + " for " + type);
            }
        }
        return LENIENT.treeToValue(doc, GenericKubernetesResource.class);
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder(" path ");
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
                path.append(ref.getFieldName() != null ? "/" + ref.getFieldName() : "/" + ref.getIndex());
            }
            return path.toString();
        }
        return "";
    }

    static ObjectNode copy(JsonNode node) {
        return (ObjectNode) node.deepCopy();
    }

    private StrictManifestParser() {
    }
}
