package org.socialfeed.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.socialfeed.deploy.ProjectFacts.ServiceFacts;

/**
 * Checks the invariants of a rendered overlay and returns every violation found (an empty list
 * means the manifests pass). Each message names the resource and the field at fault, so the
 * report of a failed build says what to fix.
 */
final class ManifestChecker {

    /**
     * @param version          tag every project image must carry
     * @param externalSecrets  Secrets created by the admin outside the manifests, with their keys
     * @param infraImageRepos  third-party image repositories allowed in this overlay (pinned tags only)
     */
    record Options(String version, Map<String, Set<String>> externalSecrets, Set<String> infraImageRepos) {
    }

    /** A pod-producing resource. */
    record Workload(String kind, String name, LabelSelector selector, PodTemplateSpec template, HasMetadata resource) {
        String id() {
            return kind + " " + name;
        }

        PodSpec pod() {
            return template.getSpec();
        }

        Map<String, String> labels() {
            return template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
        }

        List<Container> containers() {
            return Stream.concat(nullSafe(pod().getInitContainers()).stream(), nullSafe(pod().getContainers()).stream())
                    .toList();
        }
    }

    static final String INGRESS_NGINX_NAMESPACE = "ingress-nginx";
    static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    private static final Pattern LATEST = Pattern.compile("\\S:latest\\b");
    private static final Pattern PINNED_TAG = Pattern.compile("\\d+(\\.\\d+){1,3}([-_.][A-Za-z0-9.]+)?");
    private static final Pattern REGEX_CHARS = Pattern.compile("[\\[\\](){}*+?|$^\\\\]");

    private final Options options;
    private final List<String> violations;

    private final List<HasMetadata> all;
    private final Map<String, ConfigMap> configMaps = new TreeMap<>();
    private final Map<String, Secret> secrets = new TreeMap<>();
    private final Map<String, Service> services = new TreeMap<>();
    private final Map<String, ServiceAccount> serviceAccounts = new TreeMap<>();
    private final Map<String, Deployment> deployments = new TreeMap<>();
    private final Map<String, StatefulSet> statefulSets = new TreeMap<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
    private final List<PodDisruptionBudget> pdbs = new ArrayList<>();
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<GenericKubernetesResource> scaledObjects = new ArrayList<>();
    private final Map<String, GenericKubernetesResource> kafkas = new TreeMap<>();
    private final List<GenericKubernetesResource> nodePools = new ArrayList<>();
    private final List<GenericKubernetesResource> topics = new ArrayList<>();
    private final Set<String> usedExternalSecrets = new HashSet<>();
    private String namespace;

    private ManifestChecker(List<HasMetadata> resources, Options options, List<String> violations) {
        this.all = resources;
        this.options = options;
        this.violations = violations;
    }

    static List<String> check(String renderedYaml, Options options) {
        StrictManifestParser.Parsed parsed = StrictManifestParser.parse(renderedYaml);
        List<String> violations = new ArrayList<>(parsed.errors());
        Matcher latest = LATEST.matcher(renderedYaml);
        while (latest.find()) {
            int lineStart = renderedYaml.lastIndexOf('\n', latest.start()) + 1;
            int lineEnd = renderedYaml.indexOf('\n', latest.end());
            violations.add("the render uses a 'latest' tag: "
                    + renderedYaml.substring(lineStart, lineEnd < 0 ? renderedYaml.length() : lineEnd).trim());
        }
        new ManifestChecker(parsed.resources(), options, violations).run();
        return violations;
    }

    private void violation(String format, Object... args) {
        violations.add(String.format(format, args));
    }

    // ------------------------------------------------------------------------------------------

    private void run() {
        index();
        checkNamespace();
        for (Workload w : workloads) {
            checkSelectorMatchesTemplate(w);
            checkImages(w);
            checkPodSecurity(w);
            checkResources(w);
            checkConfigReferences(w);
        }
        for (ServiceFacts facts : ProjectFacts.SERVICES) {
            checkProjectService(facts);
        }
        for (StatefulSet sts : statefulSets.values()) {
            checkStatefulSet(sts);
        }
        checkServices();
        checkIngresses();
        checkAutoscalers();
        checkDisruptionBudgets();
        checkNetworkPolicies();
        checkStrimzi();
        checkExternalSecretsUsed();
    }

    private void index() {
        Set<String> seen = new HashSet<>();
        for (HasMetadata r : all) {
            String name = r.getMetadata() == null ? null : r.getMetadata().getName();
            if (name == null || name.isBlank()) {
                violation("%s without metadata.name", r.getKind());
                continue;
            }
            if (!seen.add(r.getKind() + "/" + name)) {
                violation("%s %s is defined twice", r.getKind(), name);
            }
            if (r instanceof ConfigMap cm) {
                configMaps.put(name, cm);
            } else if (r instanceof Secret s) {
                secrets.put(name, s);
            } else if (r instanceof Service s) {
                services.put(name, s);
            } else if (r instanceof ServiceAccount sa) {
                serviceAccounts.put(name, sa);
            } else if (r instanceof Deployment d) {
                deployments.put(name, d);
                if (d.getSpec() == null || d.getSpec().getTemplate() == null) {
                    violation("Deployment %s has no pod template", name);
                } else {
                    workloads.add(new Workload("Deployment", name, d.getSpec().getSelector(), d.getSpec().getTemplate(), d));
                }
            } else if (r instanceof StatefulSet s) {
                statefulSets.put(name, s);
                if (s.getSpec() == null || s.getSpec().getTemplate() == null) {
                    violation("StatefulSet %s has no pod template", name);
                } else {
                    workloads.add(new Workload("StatefulSet", name, s.getSpec().getSelector(), s.getSpec().getTemplate(), s));
                }
            } else if (r instanceof Job j) {
                if (j.getSpec() == null || j.getSpec().getTemplate() == null) {
                    violation("Job %s has no pod template", name);
                } else {
                    workloads.add(new Workload("Job", name, null, j.getSpec().getTemplate(), j));
                }
            } else if (r instanceof HorizontalPodAutoscaler h) {
                hpas.add(h);
            } else if (r instanceof PodDisruptionBudget p) {
                pdbs.add(p);
            } else if (r instanceof NetworkPolicy n) {
                networkPolicies.add(n);
            } else if (r instanceof Ingress i) {
                ingresses.add(i);
            } else if (r instanceof Namespace n) {
                namespaces.add(n);
            } else if (r instanceof GenericKubernetesResource g) {
                switch (g.getKind()) {
                    case "ScaledObject" -> scaledObjects.add(g);
                    case "Kafka" -> kafkas.put(name, g);
                    case "KafkaNodePool" -> nodePools.add(g);
                    case "KafkaTopic" -> topics.add(g);
                    default -> violation("%s %s: no checks exist for this kind", g.getKind(), name);
                }
            }
        }
    }

    private void checkNamespace() {
        List<HasMetadata> namespaced = all.stream().filter(r -> !(r instanceof Namespace)).toList();
        List<String> unset = namespaced.stream().filter(r -> r.getMetadata().getNamespace() == null)
                .map(r -> r.getKind() + " " + r.getMetadata().getName()).toList();
        if (!unset.isEmpty()) {
            violation("%s have no namespace: set `namespace:` in the overlay's kustomization", unset);
        }
        Set<String> used = namespaced.stream().map(r -> r.getMetadata().getNamespace()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        if (used.size() != 1) {
            violation("resources are spread over namespaces %s; an overlay deploys into exactly one", used);
            return;
        }
        namespace = used.iterator().next();
        Optional<Namespace> ns = namespaces.stream().filter(n -> n.getMetadata().getName().equals(namespace)).findFirst();
        if (ns.isEmpty()) {
            violation("the overlay deploys into namespace %s but does not define it", namespace);
        } else {
            Map<String, String> labels = nullSafe(ns.get().getMetadata().getLabels());
            if (!"restricted".equals(labels.get("pod-security.kubernetes.io/enforce"))) {
                violation("Namespace %s does not enforce the restricted Pod Security Standard "
                        + "(label pod-security.kubernetes.io/enforce: restricted)", namespace);
            }
        }
    }

    // --- workloads --------------------------------------------------------------------------

    private void checkSelectorMatchesTemplate(Workload w) {
        if (w.kind().equals("Job")) {
            return;
        }
        LabelSelector selector = w.selector();
        if (selector == null || (nullSafe(selector.getMatchLabels()).isEmpty() && nullSafe(selector.getMatchExpressions()).isEmpty())) {
            violation("%s has no selector", w.id());
        } else if (!matches(selector, w.labels())) {
            violation("%s: selector %s does not match its pod template labels %s", w.id(), describe(selector), w.labels());
        }
    }

    private void checkImages(Workload w) {
        Optional<ServiceFacts> project = w.kind().equals("Deployment") ? ProjectFacts.service(w.name()) : Optional.empty();
        for (Container c : w.containers()) {
            String image = c.getImage();
            String where = w.id() + " container " + c.getName();
            if (image == null || image.isBlank()) {
                violation("%s has no image", where);
                continue;
            }
            String repo = image;
            String tag = null;
            int at = repo.indexOf('@');
            if (at >= 0) {
                repo = repo.substring(0, at);
            }
            int slash = repo.lastIndexOf('/');
            int colon = repo.lastIndexOf(':');
            if (colon > slash) {
                tag = repo.substring(colon + 1);
                repo = repo.substring(0, colon);
            }
            if (tag == null) {
                violation("%s: image %s has no tag (that means latest)", where, image);
                continue;
            }
            if (tag.equalsIgnoreCase("latest")) {
                violation("%s: image %s uses the latest tag", where, image);
                continue;
            }
            if (project.isPresent()) {
                String expected = project.get().image(options.version());
                if (!image.equals(expected)) {
                    violation("%s: image is %s, expected %s (project version %s)", where, image, expected, options.version());
                }
            } else if (repo.startsWith("socialfeed/")) {
                Set<String> projectImages = ProjectFacts.SERVICES.stream()
                        .map(s -> s.image(options.version())).collect(Collectors.toSet());
                if (!projectImages.contains(image)) {
                    violation("%s: image %s is not one of the project's images at version %s", where, image, options.version());
                }
            } else if (!options.infraImageRepos().contains(repo)) {
                violation("%s: image %s is neither a project image nor an allowed infrastructure image %s",
                        where, image, options.infraImageRepos());
            } else if (!PINNED_TAG.matcher(tag).matches()) {
                violation("%s: image %s must be pinned to a version tag", where, image);
            }
        }
    }

    private void checkPodSecurity(Workload w) {
        PodSpec pod = w.pod();
        PodSecurityContext psc = pod.getSecurityContext();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            violation("%s shares a host namespace (hostNetwork/hostPID/hostIPC)", w.id());
        }
        for (var spread : nullSafe(pod.getTopologySpreadConstraints())) {
            if ("DoNotSchedule".equals(spread.getWhenUnsatisfiable()) && !"Honor".equals(spread.getNodeTaintsPolicy())) {
                violation("%s: topology spread on %s with DoNotSchedule must set nodeTaintsPolicy: Honor "
                        + "(tainted nodes would count as empty domains and block scale-out)", w.id(), spread.getTopologyKey());
            }
        }
        for (Volume v : nullSafe(pod.getVolumes())) {
            if (v.getHostPath() != null) {
                violation("%s mounts a hostPath volume %s", w.id(), v.getName());
            }
        }
        for (Container c : w.containers()) {
            String where = w.id() + " container " + c.getName();
            SecurityContext sc = c.getSecurityContext();
            Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                    : psc == null ? null : psc.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(nonRoot)) {
                violation("%s: runAsNonRoot is not true", where);
            }
            Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
            if (uid != null && uid == 0L) {
                violation("%s: runs as uid 0", where);
            }
            String seccomp = sc != null && sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                    : psc != null && psc.getSeccompProfile() != null ? psc.getSeccompProfile().getType() : null;
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                violation("%s: seccompProfile is %s, expected RuntimeDefault", where, seccomp);
            }
            if (sc == null) {
                violation("%s has no securityContext", where);
                continue;
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                violation("%s: allowPrivilegeEscalation is not false", where);
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                violation("%s is privileged", where);
            }
            if (sc.getCapabilities() == null || !nullSafe(sc.getCapabilities().getDrop()).contains("ALL")) {
                violation("%s: capabilities do not drop ALL", where);
            } else if (!nullSafe(sc.getCapabilities().getAdd()).isEmpty()) {
                violation("%s adds capabilities %s", where, sc.getCapabilities().getAdd());
            }
        }
    }

    private void checkResources(Workload w) {
        for (Container c : w.containers()) {
            String where = w.id() + " container " + c.getName();
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null ? Map.of() : nullSafe(r.getRequests());
            Map<String, Quantity> limits = r == null ? Map.of() : nullSafe(r.getLimits());
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = requests.get(resource);
                Quantity limit = limits.get(resource);
                if (request == null) {
                    violation("%s has no resources.requests.%s", where, resource);
                }
                if (limit == null) {
                    violation("%s has no resources.limits.%s", where, resource);
                }
                if (request != null && limit != null
                        && Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
                    violation("%s requests more %s (%s) than its limit (%s)", where, resource, request, limit);
                }
            }
        }
    }

    private void checkConfigReferences(Workload w) {
        PodSpec pod = w.pod();
        Set<String> volumeNames = new HashSet<>();
        for (Volume v : nullSafe(pod.getVolumes())) {
            volumeNames.add(v.getName());
            String where = w.id() + " volume " + v.getName();
            if (v.getConfigMap() != null) {
                for (String key : itemKeys(v.getConfigMap().getItems())) {
                    requireConfigMap(where, v.getConfigMap().getName(), key, v.getConfigMap().getOptional());
                }
                requireConfigMap(where, v.getConfigMap().getName(), null, v.getConfigMap().getOptional());
            }
            if (v.getSecret() != null) {
                for (String key : itemKeys(v.getSecret().getItems())) {
                    requireSecret(where, v.getSecret().getSecretName(), key, v.getSecret().getOptional());
                }
                requireSecret(where, v.getSecret().getSecretName(), null, v.getSecret().getOptional());
            }
            if (v.getProjected() != null) {
                for (VolumeProjection p : nullSafe(v.getProjected().getSources())) {
                    if (p.getConfigMap() != null) {
                        for (String key : itemKeys(p.getConfigMap().getItems())) {
                            requireConfigMap(where, p.getConfigMap().getName(), key, p.getConfigMap().getOptional());
                        }
                        requireConfigMap(where, p.getConfigMap().getName(), null, p.getConfigMap().getOptional());
                    }
                    if (p.getSecret() != null) {
                        for (String key : itemKeys(p.getSecret().getItems())) {
                            requireSecret(where, p.getSecret().getName(), key, p.getSecret().getOptional());
                        }
                        requireSecret(where, p.getSecret().getName(), null, p.getSecret().getOptional());
                    }
                }
            }
        }
        if (w.resource() instanceof StatefulSet sts) {
            nullSafe(sts.getSpec().getVolumeClaimTemplates()).forEach(t -> volumeNames.add(t.getMetadata().getName()));
        }
        for (LocalObjectReference ref : nullSafe(pod.getImagePullSecrets())) {
            requireSecret(w.id() + " imagePullSecrets", ref.getName(), null, null);
        }
        String sa = pod.getServiceAccountName();
        if (sa != null && !sa.equals("default") && !serviceAccounts.containsKey(sa)) {
            violation("%s uses ServiceAccount %s, which is not in the render", w.id(), sa);
        }
        for (Container c : w.containers()) {
            String where = w.id() + " container " + c.getName();
            for (EnvVar e : nullSafe(c.getEnv())) {
                EnvVarSource from = e.getValueFrom();
                if (from == null) {
                    continue;
                }
                if (from.getConfigMapKeyRef() != null) {
                    requireConfigMap(where + " env " + e.getName(), from.getConfigMapKeyRef().getName(),
                            from.getConfigMapKeyRef().getKey(), from.getConfigMapKeyRef().getOptional());
                }
                if (from.getSecretKeyRef() != null) {
                    requireSecret(where + " env " + e.getName(), from.getSecretKeyRef().getName(),
                            from.getSecretKeyRef().getKey(), from.getSecretKeyRef().getOptional());
                }
            }
            for (EnvFromSource e : nullSafe(c.getEnvFrom())) {
                if (e.getConfigMapRef() != null) {
                    requireConfigMap(where + " envFrom", e.getConfigMapRef().getName(), null, e.getConfigMapRef().getOptional());
                }
                if (e.getSecretRef() != null) {
                    requireSecret(where + " envFrom", e.getSecretRef().getName(), null, e.getSecretRef().getOptional());
                }
            }
            for (VolumeMount m : nullSafe(c.getVolumeMounts())) {
                if (!volumeNames.contains(m.getName())) {
                    violation("%s mounts volume %s, which the pod does not define", where, m.getName());
                }
            }
        }
    }

    private static List<String> itemKeys(List<KeyToPath> items) {
        return nullSafe(items).stream().map(KeyToPath::getKey).toList();
    }

    private void requireConfigMap(String where, String name, String key, Boolean optional) {
        ConfigMap cm = configMaps.get(name);
        if (cm == null) {
            if (!Boolean.TRUE.equals(optional)) {
                violation("%s references ConfigMap %s, which is not in the render", where, name);
            }
            return;
        }
        Set<String> keys = new TreeSet<>(nullSafe(cm.getData()).keySet());
        keys.addAll(nullSafe(cm.getBinaryData()).keySet());
        if (key != null && !keys.contains(key)) {
            violation("%s references key %s of ConfigMap %s, which has only %s", where, key, name, keys);
        }
    }

    /** Keys of a rendered Secret, or of a declared external one; null when neither exists. */
    private Set<String> secretKeys(String name) {
        Secret s = secrets.get(name);
        if (s != null) {
            Set<String> keys = new TreeSet<>(nullSafe(s.getData()).keySet());
            keys.addAll(nullSafe(s.getStringData()).keySet());
            return keys;
        }
        Set<String> declared = options.externalSecrets().get(name);
        if (declared != null) {
            usedExternalSecrets.add(name);
        }
        return declared;
    }

    private void requireSecret(String where, String name, String key, Boolean optional) {
        Set<String> keys = secretKeys(name);
        if (keys == null) {
            if (!Boolean.TRUE.equals(optional)) {
                violation("%s references Secret %s, which is neither in the render nor declared in "
                        + "external-secrets.txt", where, name);
            }
            return;
        }
        if (key != null && !keys.contains(key)) {
            violation("%s references key %s of Secret %s, which has only %s", where, key, name, keys);
        }
    }

    private Optional<String> secretValue(String name, String key) {
        Secret s = secrets.get(name);
        if (s == null) {
            return Optional.empty();
        }
        if (s.getStringData() != null && s.getStringData().containsKey(key)) {
            return Optional.of(s.getStringData().get(key));
        }
        String data = nullSafe(s.getData()).get(key);
        return data == null ? Optional.empty() : Optional.of(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8));
    }

    // --- the four services --------------------------------------------------------------------

    private void checkProjectService(ServiceFacts facts) {
        String name = facts.name();
        if (!services.containsKey(name)) {
            violation("Service %s is missing (or was rejected above)", name);
        } else if (nullSafe(services.get(name).getSpec().getPorts()).stream().noneMatch(p -> Objects.equals(p.getPort(), facts.port()))) {
            violation("Service %s does not expose port %d", name, facts.port());
        }
        Optional<Workload> found = workloads.stream().filter(w -> w.kind().equals("Deployment") && w.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            violation("Deployment %s is missing (or was rejected above)", name);
            return;
        }
        Workload w = found.get();
        Deployment d = deployments.get(name);
        PodSpec pod = w.pod();

        DeploymentStrategy strategy = d.getSpec().getStrategy();
        if (strategy == null || !"RollingUpdate".equals(strategy.getType()) || strategy.getRollingUpdate() == null
                || !isZero(strategy.getRollingUpdate().getMaxUnavailable())) {
            violation("Deployment %s: rolling updates must keep capacity (strategy RollingUpdate, maxUnavailable 0)", name);
        }
        String sa = pod.getServiceAccountName();
        boolean tokenOff = Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())
                || (sa != null && serviceAccounts.containsKey(sa)
                && Boolean.FALSE.equals(serviceAccounts.get(sa).getAutomountServiceAccountToken())
                && pod.getAutomountServiceAccountToken() == null);
        if (!tokenOff) {
            violation("Deployment %s mounts a service account token it does not need (automountServiceAccountToken)", name);
        }
        if (nullSafe(pod.getContainers()).size() != 1) {
            violation("Deployment %s must have exactly one container, has %d", name, nullSafe(pod.getContainers()).size());
            return;
        }
        Container c = pod.getContainers().get(0);
        String where = "Deployment " + name + " container " + c.getName();
        if (!name.equals(c.getName())) {
            violation("%s: the container must be named %s", where, name);
        }
        Optional<ContainerPort> http = nullSafe(c.getPorts()).stream().filter(p -> "http".equals(p.getName())).findFirst();
        if (http.isEmpty() || !Objects.equals(http.get().getContainerPort(), facts.port())) {
            violation("%s: needs a container port named http = %d", where, facts.port());
        }
        checkHttpProbe(where, "readinessProbe", c.getReadinessProbe(), "/q/health/ready", c, facts.port());
        checkHttpProbe(where, "livenessProbe", c.getLivenessProbe(), "/q/health/live", c, facts.port());

        SecurityContext sc = c.getSecurityContext();
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            violation("%s: readOnlyRootFilesystem is not true", where);
        }
        Optional<VolumeMount> tmp = nullSafe(c.getVolumeMounts()).stream().filter(m -> "/tmp".equals(m.getMountPath())).findFirst();
        boolean tmpIsEmptyDir = tmp.isPresent() && nullSafe(pod.getVolumes()).stream()
                .anyMatch(v -> v.getName().equals(tmp.get().getName()) && v.getEmptyDir() != null);
        if (!tmpIsEmptyDir) {
            violation("%s: /tmp must be an emptyDir volume (the root filesystem is read-only)", where);
        }

        Map<String, EnvVar> env = new LinkedHashMap<>();
        nullSafe(c.getEnv()).forEach(e -> env.put(e.getName(), e));
        if (!nullSafe(c.getEnvFrom()).isEmpty()) {
            violation("%s: use explicit env entries (each key checked), not envFrom", where);
        }
        for (String required : facts.requiredEnv()) {
            EnvVar e = env.get(required);
            if (e == null) {
                violation("%s: env %s is missing", where, required);
                continue;
            }
            boolean fromSecret = e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null;
            boolean fromConfigMap = e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null;
            if (ProjectFacts.SECRET_ENV.contains(required) && !fromSecret) {
                violation("%s: env %s holds credentials and must come from a Secret (secretKeyRef)", where, required);
            } else if (!ProjectFacts.SECRET_ENV.contains(required) && !fromConfigMap) {
                violation("%s: env %s must come from a ConfigMap (configMapKeyRef)", where, required);
            }
        }
        for (String restricted : ProjectFacts.RESTRICTED_ENV) {
            if (env.containsKey(restricted) && !facts.requiredEnv().contains(restricted)) {
                violation("%s: env %s belongs to another service's data or duties", where, restricted);
            }
        }

        envValue(c, ProjectFacts.ENV_HTTP_PORT).ifPresent(port -> {
            if (!port.equals(String.valueOf(facts.port()))) {
                violation("%s: %s is %s but the service listens on %d", where, ProjectFacts.ENV_HTTP_PORT, port, facts.port());
            }
        });
        envValue(c, ProjectFacts.ENV_KAFKA).ifPresent(servers -> {
            for (String server : servers.split(",")) {
                checkHostPort(where + " " + ProjectFacts.ENV_KAFKA, server.trim());
            }
        });
        envValue(c, ProjectFacts.ENV_JWT_ISSUER).ifPresent(issuer -> {
            if (!issuer.startsWith("https://")) {
                violation("%s: %s should be an https URL, is %s", where, ProjectFacts.ENV_JWT_ISSUER, issuer);
            }
        });
        envValue(c, ProjectFacts.ENV_JWT_PUBLIC_KEY).ifPresent(path -> requireSecretFile(w, c, ProjectFacts.ENV_JWT_PUBLIC_KEY, path));
        if (facts.signsTokens()) {
            envValue(c, ProjectFacts.ENV_JWT_SIGN_KEY).ifPresent(path -> {
                String signingSecret = requireSecretFile(w, c, ProjectFacts.ENV_JWT_SIGN_KEY, path);
                if (signingSecret != null) {
                    checkSigningSecretConfined(signingSecret, name);
                }
            });
        }
        if (facts.mongo()) {
            envValue(c, ProjectFacts.ENV_MONGODB).ifPresent(uri -> checkMongoUri(where, uri, facts.mongoDatabase()));
        }
        if (facts.redis()) {
            envValue(c, ProjectFacts.ENV_REDIS).ifPresent(uri -> checkRedisUri(where, uri));
        }
    }

    private void checkHttpProbe(String where, String kind, Probe probe, String path, Container c, int port) {
        HTTPGetAction get = probe == null ? null : probe.getHttpGet();
        if (get == null) {
            violation("%s has no %s (httpGet %s)", where, kind, path);
            return;
        }
        if (!path.equals(get.getPath())) {
            violation("%s: %s checks %s, expected %s", where, kind, get.getPath(), path);
        }
        Integer resolved = resolveContainerPort(c, get.getPort());
        if (!Objects.equals(resolved, port)) {
            violation("%s: %s port %s does not resolve to the HTTP port %d", where, kind, describe(get.getPort()), port);
        }
    }

    private static Integer resolveContainerPort(Container c, IntOrString port) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return nullSafe(c.getPorts()).stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    /** The value an env var of a container will have, when the render knows it. */
    private Optional<String> envValue(Container c, String name) {
        for (EnvVar e : nullSafe(c.getEnv())) {
            if (!e.getName().equals(name)) {
                continue;
            }
            if (e.getValue() != null) {
                return Optional.of(e.getValue());
            }
            EnvVarSource from = e.getValueFrom();
            if (from != null && from.getConfigMapKeyRef() != null) {
                ConfigMap cm = configMaps.get(from.getConfigMapKeyRef().getName());
                return cm == null ? Optional.empty() : Optional.ofNullable(nullSafe(cm.getData()).get(from.getConfigMapKeyRef().getKey()));
            }
            if (from != null && from.getSecretKeyRef() != null) {
                return secretValue(from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
            }
        }
        return Optional.empty();
    }

    /** A file path set in the environment must be a key of a Secret mounted at that place. Returns the Secret. */
    private String requireSecretFile(Workload w, Container c, String envName, String path) {
        String where = w.id() + " container " + c.getName() + ": " + envName + "=" + path;
        VolumeMount mount = null;
        for (VolumeMount m : nullSafe(c.getVolumeMounts())) {
            String dir = m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/";
            if (path.startsWith(dir) && (mount == null || m.getMountPath().length() > mount.getMountPath().length())) {
                mount = m;
            }
        }
        if (mount == null) {
            violation("%s is not under any volume mount", where);
            return null;
        }
        String mountName = mount.getName();
        Volume volume = nullSafe(w.pod().getVolumes()).stream().filter(v -> v.getName().equals(mountName)).findFirst().orElse(null);
        if (volume == null || volume.getSecret() == null) {
            violation("%s: volume %s is not a Secret volume", where, mountName);
            return null;
        }
        String file = path.substring(mount.getMountPath().length()).replaceFirst("^/", "");
        String key = file;
        List<KeyToPath> items = nullSafe(volume.getSecret().getItems());
        if (!items.isEmpty()) {
            key = items.stream().filter(i -> i.getPath().equals(file)).map(KeyToPath::getKey).findFirst().orElse(null);
            if (key == null) {
                violation("%s: no item of Secret volume %s is mounted as %s", where, mountName, file);
                return null;
            }
        }
        String secretName = volume.getSecret().getSecretName();
        Set<String> keys = secretKeys(secretName);
        if (keys != null && !keys.contains(key)) {
            violation("%s: Secret %s has no key %s (has %s)", where, secretName, key, keys);
        }
        return secretName;
    }

    /** The JWT signing key may reach user-service only. */
    private void checkSigningSecretConfined(String secretName, String owner) {
        for (Workload w : workloads) {
            if (w.name().equals(owner) && w.kind().equals("Deployment")) {
                continue;
            }
            boolean mounts = nullSafe(w.pod().getVolumes()).stream()
                    .anyMatch(v -> v.getSecret() != null && secretName.equals(v.getSecret().getSecretName()));
            boolean env = w.containers().stream().flatMap(c -> nullSafe(c.getEnv()).stream())
                    .anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null
                            && secretName.equals(e.getValueFrom().getSecretKeyRef().getName()));
            if (mounts || env) {
                violation("%s gets the JWT signing key Secret %s; only %s may", w.id(), secretName, owner);
            }
        }
    }

    private void checkMongoUri(String where, String uri, String database) {
        try {
            URI parsed = URI.create(uri);
            if (!"mongodb".equals(parsed.getScheme()) && !"mongodb+srv".equals(parsed.getScheme())) {
                violation("%s: MongoDB connection string has scheme %s", where, parsed.getScheme());
                return;
            }
            String path = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
            if (!path.equals(database)) {
                violation("%s: MongoDB connection string selects database '%s', expected '%s'", where, path, database);
            }
            String authority = parsed.getRawAuthority();
            String hosts = authority.contains("@") ? authority.substring(authority.lastIndexOf('@') + 1) : authority;
            for (String host : hosts.split(",")) {
                checkHostPort(where + " MongoDB", host);
            }
        } catch (IllegalArgumentException e) {
            violation("%s: MongoDB connection string is not a URI: %s", where, e.getMessage());
        }
    }

    private void checkRedisUri(String where, String uri) {
        try {
            URI parsed = URI.create(uri);
            if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
                violation("%s: Redis URI has scheme %s", where, parsed.getScheme());
                return;
            }
            checkHostPort(where + " Redis", parsed.getHost() + ":" + (parsed.getPort() < 0 ? 6379 : parsed.getPort()));
        } catch (IllegalArgumentException e) {
            violation("%s: Redis URI is not a URI: %s", where, e.getMessage());
        }
    }

    /**
     * A host:port a pod connects to must be something the render creates: a Service (short or
     * namespace-qualified name), a StatefulSet pod behind a headless Service, or the bootstrap
     * Service Strimzi creates for a Kafka of the render.
     */
    private void checkHostPort(String where, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        Integer port = null;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                violation("%s: bad port in %s", where, hostPort);
                return;
            }
        }
        if (!resolvesInRender(host, port)) {
            violation("%s: %s is not a Service, StatefulSet pod or Strimzi bootstrap of this render", where, hostPort);
        }
    }

    boolean resolvesInRender(String host, Integer port) {
        String h = host.toLowerCase();
        h = h.endsWith(".cluster.local") ? h.substring(0, h.length() - ".cluster.local".length()) : h;
        boolean svcSuffix = h.endsWith(".svc");
        h = svcSuffix ? h.substring(0, h.length() - 4) : h;
        String[] labels = h.split("\\.");
        return switch (labels.length) {
            case 1 -> !svcSuffix && serviceOrBootstrap(labels[0], port);
            case 2 -> (labels[1].equals(namespace) && serviceOrBootstrap(labels[0], port))
                    || (!svcSuffix && statefulSetPod(labels[0], labels[1]));
            case 3 -> labels[2].equals(namespace) && statefulSetPod(labels[0], labels[1]);
            default -> false;
        };
    }

    private boolean serviceOrBootstrap(String name, Integer port) {
        Service s = services.get(name);
        if (s != null) {
            return port == null || nullSafe(s.getSpec().getPorts()).stream().anyMatch(p -> Objects.equals(p.getPort(), port));
        }
        if (name.endsWith("-kafka-bootstrap")) {
            String cluster = name.substring(0, name.length() - "-kafka-bootstrap".length());
            return kafkas.containsKey(cluster) && (port == null || kafkaListenerPorts(kafkas.get(cluster)).contains(port));
        }
        return false;
    }

    private boolean statefulSetPod(String pod, String serviceName) {
        Service headless = services.get(serviceName);
        if (headless == null || !"None".equals(headless.getSpec().getClusterIP())) {
            return false;
        }
        for (StatefulSet sts : statefulSets.values()) {
            String prefix = sts.getMetadata().getName() + "-";
            if (serviceName.equals(sts.getSpec().getServiceName()) && pod.startsWith(prefix)) {
                try {
                    int ordinal = Integer.parseInt(pod.substring(prefix.length()));
                    int replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
                    return ordinal >= 0 && ordinal < replicas;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private void checkStatefulSet(StatefulSet sts) {
        String name = sts.getMetadata().getName();
        String serviceName = sts.getSpec().getServiceName();
        if (serviceName == null || !services.containsKey(serviceName)
                || !"None".equals(services.get(serviceName).getSpec().getClusterIP())) {
            violation("StatefulSet %s: serviceName %s is not a headless Service of the render", name, serviceName);
        }
        for (Container c : nullSafe(sts.getSpec().getTemplate().getSpec().getContainers())) {
            if (c.getReadinessProbe() == null || c.getLivenessProbe() == null) {
                violation("StatefulSet %s container %s needs a readinessProbe and a livenessProbe", name, c.getName());
            }
        }
        if (nullSafe(sts.getSpec().getVolumeClaimTemplates()).isEmpty()) {
            violation("StatefulSet %s keeps no data (no volumeClaimTemplates)", name);
        }
    }

    // --- services, ingress --------------------------------------------------------------------

    private void checkServices() {
        for (Service s : services.values()) {
            String name = s.getMetadata().getName();
            Map<String, String> selector = nullSafe(s.getSpec().getSelector());
            if (selector.isEmpty()) {
                violation("Service %s has no selector", name);
                continue;
            }
            List<Workload> selected = workloads.stream()
                    .filter(w -> !w.kind().equals("Job"))
                    .filter(w -> w.labels().entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (selected.size() != 1) {
                violation("Service %s: selector %s selects %d workloads %s, expected exactly one", name, selector,
                        selected.size(), selected.stream().map(Workload::id).toList());
                continue;
            }
            Workload target = selected.get(0);
            for (ServicePort port : nullSafe(s.getSpec().getPorts())) {
                IntOrString targetPort = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                boolean exists = target.containers().stream().anyMatch(c -> resolveContainerPort(c, targetPort) != null
                        && nullSafe(c.getPorts()).stream().anyMatch(p -> p.getContainerPort().equals(resolveContainerPort(c, targetPort))));
                if (!exists) {
                    violation("Service %s port %s targets %s, which no container of %s exposes", name, port.getName(),
                            describe(targetPort), target.id());
                }
            }
        }
    }

    private void checkIngresses() {
        Map<String, Set<Boolean>> regexByHost = new TreeMap<>();
        for (Ingress ing : ingresses) {
            String name = ing.getMetadata().getName();
            Map<String, String> annotations = nullSafe(ing.getMetadata().getAnnotations());
            boolean useRegex = "true".equals(annotations.get(USE_REGEX));
            if (ing.getSpec().getIngressClassName() == null) {
                violation("Ingress %s has no ingressClassName", name);
            }
            Set<String> hosts = new TreeSet<>();
            for (IngressRule rule : nullSafe(ing.getSpec().getRules())) {
                if (rule.getHost() == null || rule.getHost().isBlank()) {
                    violation("Ingress %s has a rule without host", name);
                } else {
                    hosts.add(rule.getHost());
                    regexByHost.computeIfAbsent(rule.getHost(), h -> new HashSet<>()).add(useRegex);
                }
                if (rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : nullSafe(rule.getHttp().getPaths())) {
                    String where = "Ingress " + name + " path " + path.getPath();
                    if (path.getPath() == null || !path.getPath().startsWith("/")) {
                        violation("%s: path must start with /", where);
                    }
                    if (path.getPath() != null && REGEX_CHARS.matcher(path.getPath()).find()) {
                        if (!useRegex) {
                            violation("%s is a regular expression but the Ingress lacks %s: \"true\"", where, USE_REGEX);
                        }
                        if (!"ImplementationSpecific".equals(path.getPathType())) {
                            violation("%s is a regular expression; pathType must be ImplementationSpecific", where);
                        }
                    }
                    IngressServiceBackend backend = path.getBackend() == null ? null : path.getBackend().getService();
                    if (backend == null) {
                        violation("%s has no service backend", where);
                        continue;
                    }
                    Service s = services.get(backend.getName());
                    if (s == null) {
                        violation("%s routes to Service %s, which is not in the render", where, backend.getName());
                        continue;
                    }
                    boolean portExists = nullSafe(s.getSpec().getPorts()).stream().anyMatch(p -> backend.getPort() != null
                            && (Objects.equals(p.getName(), backend.getPort().getName()) && backend.getPort().getName() != null
                            || Objects.equals(p.getPort(), backend.getPort().getNumber())));
                    if (!portExists) {
                        violation("%s routes to a port Service %s does not have", where, backend.getName());
                    }
                }
            }
            for (IngressTLS tls : nullSafe(ing.getSpec().getTls())) {
                requireSecret("Ingress " + name + " tls", tls.getSecretName(), null, null);
                if (!nullSafe(tls.getHosts()).containsAll(hosts)) {
                    violation("Ingress %s: tls hosts %s do not cover the rule hosts %s", name, tls.getHosts(), hosts);
                }
            }
        }
        regexByHost.forEach((host, modes) -> {
            if (modes.size() > 1) {
                violation("Ingresses of host %s disagree on %s; ingress-nginx applies it to the whole host", host, USE_REGEX);
            }
        });
    }

    // --- autoscaling, disruption budgets -----------------------------------------------------

    private final Map<String, Integer> minReplicas = new TreeMap<>();

    private void checkAutoscalers() {
        Map<String, List<String>> scalers = new TreeMap<>();
        for (HorizontalPodAutoscaler h : hpas) {
            String name = h.getMetadata().getName();
            var ref = h.getSpec().getScaleTargetRef();
            if (ref == null || !"Deployment".equals(ref.getKind()) || !deployments.containsKey(ref.getName())) {
                violation("HorizontalPodAutoscaler %s targets %s, which is not a Deployment of the render", name,
                        ref == null ? null : ref.getKind() + " " + ref.getName());
                continue;
            }
            int min = h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas();
            if (min > h.getSpec().getMaxReplicas()) {
                violation("HorizontalPodAutoscaler %s: minReplicas > maxReplicas", name);
            }
            if (nullSafe(h.getSpec().getMetrics()).isEmpty()) {
                violation("HorizontalPodAutoscaler %s has no metrics", name);
            }
            scalers.computeIfAbsent(ref.getName(), k -> new ArrayList<>()).add("HorizontalPodAutoscaler " + name);
            minReplicas.put(ref.getName(), min);
        }
        for (GenericKubernetesResource so : scaledObjects) {
            String name = so.getMetadata().getName();
            String target = str(at(so, "spec", "scaleTargetRef", "name"));
            String kind = Optional.ofNullable(str(at(so, "spec", "scaleTargetRef", "kind"))).orElse("Deployment");
            if (target == null || !kind.equals("Deployment") || !deployments.containsKey(target)) {
                violation("ScaledObject %s targets %s %s, which is not a Deployment of the render", name, kind, target);
                continue;
            }
            Integer min = integer(at(so, "spec", "minReplicaCount"));
            Integer max = integer(at(so, "spec", "maxReplicaCount"));
            if (min == null || max == null || min > max || min < 1) {
                violation("ScaledObject %s: needs 1 <= minReplicaCount <= maxReplicaCount (is %s..%s)", name, min, max);
            }
            List<?> triggers = list(at(so, "spec", "triggers"));
            if (triggers.isEmpty()) {
                violation("ScaledObject %s has no triggers", name);
            }
            for (Object t : triggers) {
                Map<?, ?> trigger = (Map<?, ?>) t;
                if (!"kafka".equals(trigger.get("type"))) {
                    continue;
                }
                Map<?, ?> metadata = trigger.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
                String group = str(metadata.get("consumerGroup"));
                if (group == null || group.isBlank()) {
                    violation("ScaledObject %s: kafka trigger without consumerGroup", name);
                }
                String servers = str(metadata.get("bootstrapServers"));
                if (servers == null) {
                    violation("ScaledObject %s: kafka trigger without bootstrapServers", name);
                    continue;
                }
                for (String server : servers.split(",")) {
                    String host = server.trim().replaceFirst(":\\d+$", "");
                    if (!host.contains("." + namespace)) {
                        violation("ScaledObject %s: bootstrapServers %s must name the namespace (KEDA runs in its own)", name, server);
                    }
                    checkHostPort("ScaledObject " + name + " bootstrapServers", server.trim());
                }
            }
            scalers.computeIfAbsent(target, k -> new ArrayList<>()).add("ScaledObject " + name);
            if (min != null) {
                minReplicas.put(target, min);
            }
        }
        scalers.forEach((deployment, list) -> {
            if (list.size() > 1) {
                violation("Deployment %s has several autoscalers %s; they would fight over replicas", deployment, list);
            }
        });
        for (Deployment d : deployments.values()) {
            minReplicas.putIfAbsent(d.getMetadata().getName(), d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
        }
    }

    private void checkDisruptionBudgets() {
        for (PodDisruptionBudget pdb : pdbs) {
            String name = pdb.getMetadata().getName();
            List<Workload> selected = workloads.stream().filter(w -> !w.kind().equals("Job"))
                    .filter(w -> pdb.getSpec().getSelector() != null && matches(pdb.getSpec().getSelector(), w.labels()))
                    .toList();
            if (selected.size() != 1) {
                violation("PodDisruptionBudget %s selects %d workloads %s, expected exactly one", name, selected.size(),
                        selected.stream().map(Workload::id).toList());
                continue;
            }
            Workload w = selected.get(0);
            Integer replicas = minReplicas.get(w.name());
            if (replicas == null && w.resource() instanceof StatefulSet sts) {
                replicas = sts.getSpec().getReplicas() == null ? 1 : sts.getSpec().getReplicas();
            }
            IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
            IntOrString minAvailable = pdb.getSpec().getMinAvailable();
            Integer allowed = null;
            if (maxUnavailable != null && maxUnavailable.getIntVal() != null) {
                allowed = maxUnavailable.getIntVal();
            } else if (minAvailable != null && minAvailable.getIntVal() != null && replicas != null) {
                allowed = replicas - minAvailable.getIntVal();
            }
            if (allowed != null && allowed <= 0) {
                violation("PodDisruptionBudget %s allows no eviction at %s replicas of %s: node drains would hang",
                        name, replicas, w.id());
            }
        }
    }

    // --- network policies ---------------------------------------------------------------------

    private void checkNetworkPolicies() {
        boolean defaultDeny = networkPolicies.stream().anyMatch(np -> isEmpty(np.getSpec().getPodSelector())
                && nullSafe(np.getSpec().getPolicyTypes()).containsAll(List.of("Ingress", "Egress"))
                && nullSafe(np.getSpec().getIngress()).isEmpty() && nullSafe(np.getSpec().getEgress()).isEmpty());
        if (!defaultDeny) {
            violation("no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
        }
        for (NetworkPolicy np : networkPolicies) {
            String name = np.getMetadata().getName();
            if (nullSafe(np.getSpec().getPolicyTypes()).isEmpty()) {
                violation("NetworkPolicy %s: set policyTypes explicitly", name);
            }
            LabelSelector podSelector = np.getSpec().getPodSelector();
            if (podSelector == null) {
                violation("NetworkPolicy %s has no podSelector", name);
            } else if (!isEmpty(podSelector) && !selectsSomething(podSelector)) {
                violation("NetworkPolicy %s: podSelector %s matches no pod of the render", name, describe(podSelector));
            }
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            nullSafe(np.getSpec().getIngress()).forEach(r -> peers.addAll(nullSafe(r.getFrom())));
            nullSafe(np.getSpec().getEgress()).forEach(r -> peers.addAll(nullSafe(r.getTo())));
            for (NetworkPolicyPeer peer : peers) {
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                        && !isEmpty(peer.getPodSelector()) && !selectsSomething(peer.getPodSelector())) {
                    violation("NetworkPolicy %s: peer podSelector %s matches no pod of the render", name, describe(peer.getPodSelector()));
                }
            }
        }
        for (ServiceFacts facts : ProjectFacts.SERVICES) {
            Workload w = workloads.stream().filter(x -> x.kind().equals("Deployment") && x.name().equals(facts.name()))
                    .findFirst().orElse(null);
            if (w != null) {
                checkServiceTraffic(facts, w);
            }
        }
    }

    private void checkServiceTraffic(ServiceFacts facts, Workload w) {
        List<NetworkPolicy> applying = networkPolicies.stream()
                .filter(np -> np.getSpec().getPodSelector() != null && matches(np.getSpec().getPodSelector(), w.labels()))
                .toList();
        Set<Integer> egressPorts = new TreeSet<>();
        boolean fromIngressController = false;
        for (NetworkPolicy np : applying) {
            String name = np.getMetadata().getName();
            List<String> types = nullSafe(np.getSpec().getPolicyTypes());
            if (types.contains("Egress")) {
                for (NetworkPolicyEgressRule rule : nullSafe(np.getSpec().getEgress())) {
                    if (nullSafe(rule.getPorts()).isEmpty()) {
                        violation("NetworkPolicy %s lets %s open connections on any port", name, facts.name());
                        continue;
                    }
                    Set<Integer> ports = new TreeSet<>();
                    for (NetworkPolicyPort p : rule.getPorts()) {
                        if (p.getPort() == null || p.getPort().getIntVal() == null || p.getEndPort() != null) {
                            violation("NetworkPolicy %s: egress ports of %s must be single port numbers", name, facts.name());
                        } else {
                            ports.add(p.getPort().getIntVal());
                        }
                    }
                    for (Integer port : ports) {
                        if (!facts.allowedEgressPorts().contains(port)) {
                            violation("NetworkPolicy %s lets %s reach port %d; it may reach only %s (DNS, Kafka, its own stores)",
                                    name, facts.name(), port, facts.allowedEgressPorts());
                        }
                    }
                    if (nullSafe(rule.getTo()).isEmpty() && !Set.of(ProjectFacts.HTTPS_PORT).containsAll(ports)) {
                        violation("NetworkPolicy %s lets %s reach any address on ports %s", name, facts.name(), ports);
                    }
                    egressPorts.addAll(ports);
                }
            }
            if (types.contains("Ingress")) {
                for (NetworkPolicyIngressRule rule : nullSafe(np.getSpec().getIngress())) {
                    if (nullSafe(rule.getFrom()).isEmpty()) {
                        violation("NetworkPolicy %s lets anyone connect to %s", name, facts.name());
                    }
                    if (nullSafe(rule.getPorts()).isEmpty()) {
                        violation("NetworkPolicy %s opens every port of %s", name, facts.name());
                    }
                    boolean httpPort = nullSafe(rule.getPorts()).stream().anyMatch(p -> p.getPort() != null
                            && (Objects.equals(p.getPort().getIntVal(), facts.port()) || "http".equals(p.getPort().getStrVal())));
                    boolean controller = nullSafe(rule.getFrom()).stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && INGRESS_NGINX_NAMESPACE.equals(nullSafe(peer.getNamespaceSelector().getMatchLabels())
                            .get("kubernetes.io/metadata.name")));
                    fromIngressController |= httpPort && controller;
                }
            }
        }
        if (!fromIngressController) {
            violation("no NetworkPolicy lets the ingress controller (namespace %s) reach %s on its HTTP port",
                    INGRESS_NGINX_NAMESPACE, facts.name());
        }
        if (!egressPorts.contains(ProjectFacts.DNS_PORT) || !egressPorts.contains(ProjectFacts.KAFKA_PORT)) {
            violation("%s cannot reach DNS and Kafka (egress ports allowed: %s)", facts.name(), egressPorts);
        }
        if (facts.mongo() && !egressPorts.contains(ProjectFacts.MONGODB_PORT)) {
            violation("%s cannot reach MongoDB (egress ports allowed: %s)", facts.name(), egressPorts);
        }
        if (facts.redis() && egressPorts.stream().noneMatch(ProjectFacts.REDIS_PORTS::contains)) {
            violation("%s cannot reach Redis (egress ports allowed: %s)", facts.name(), egressPorts);
        }
    }

    /** Matches a pod template of the render, or the pods Strimzi creates for a Kafka of the render. */
    private boolean selectsSomething(LabelSelector selector) {
        if (workloads.stream().anyMatch(w -> matches(selector, w.labels()))) {
            return true;
        }
        String cluster = nullSafe(selector.getMatchLabels()).get("strimzi.io/cluster");
        return cluster != null && kafkas.containsKey(cluster);
    }

    // --- Strimzi -------------------------------------------------------------------------------

    private void checkStrimzi() {
        Map<String, Integer> brokers = new TreeMap<>();
        Map<String, Set<String>> roles = new TreeMap<>();
        for (GenericKubernetesResource pool : nodePools) {
            String name = pool.getMetadata().getName();
            String cluster = nullSafe(pool.getMetadata().getLabels()).get("strimzi.io/cluster");
            if (cluster == null || !kafkas.containsKey(cluster)) {
                violation("KafkaNodePool %s belongs to cluster %s, which is not in the render", name, cluster);
                continue;
            }
            Integer replicas = integer(at(pool, "spec", "replicas"));
            List<?> poolRoles = list(at(pool, "spec", "roles"));
            if (replicas == null || replicas < 1 || poolRoles.isEmpty()) {
                violation("KafkaNodePool %s needs replicas and roles", name);
                continue;
            }
            if (at(pool, "spec", "storage") == null) {
                violation("KafkaNodePool %s has no storage", name);
            }
            poolRoles.forEach(r -> roles.computeIfAbsent(cluster, k -> new TreeSet<>()).add(String.valueOf(r)));
            if (poolRoles.contains("broker")) {
                brokers.merge(cluster, replicas, Integer::sum);
            }
        }
        for (GenericKubernetesResource kafka : kafkas.values()) {
            String name = kafka.getMetadata().getName();
            if (!"enabled".equals(nullSafe(kafka.getMetadata().getAnnotations()).get("strimzi.io/node-pools"))) {
                violation("Kafka %s: annotation strimzi.io/node-pools: enabled is missing", name);
            }
            if (!roles.getOrDefault(name, Set.of()).containsAll(List.of("broker", "controller"))) {
                violation("Kafka %s: its node pools must provide the broker and controller (KRaft) roles, have %s",
                        name, roles.getOrDefault(name, Set.of()));
            }
            if (kafkaListenerPorts(kafka).isEmpty()) {
                violation("Kafka %s has no listeners", name);
            }
        }
        for (GenericKubernetesResource topic : topics) {
            String name = topic.getMetadata().getName();
            String cluster = nullSafe(topic.getMetadata().getLabels()).get("strimzi.io/cluster");
            if (cluster == null || !kafkas.containsKey(cluster)) {
                violation("KafkaTopic %s belongs to cluster %s, which is not in the render", name, cluster);
                continue;
            }
            Integer partitions = integer(at(topic, "spec", "partitions"));
            Integer replicas = integer(at(topic, "spec", "replicas"));
            if (partitions == null || partitions < 1) {
                violation("KafkaTopic %s needs partitions >= 1", name);
            }
            if (replicas == null || replicas < 1 || replicas > brokers.getOrDefault(cluster, 0)) {
                violation("KafkaTopic %s: replicas %s exceed the %d brokers of %s", name, replicas,
                        brokers.getOrDefault(cluster, 0), cluster);
            }
            Integer minIsr = integer(at(topic, "spec", "config", "min.insync.replicas"));
            if (minIsr != null && replicas != null && minIsr >= replicas) {
                violation("KafkaTopic %s: min.insync.replicas %d leaves no broker to lose (replicas %d)", name, minIsr, replicas);
            }
        }
    }

    private static Set<Integer> kafkaListenerPorts(GenericKubernetesResource kafka) {
        Set<Integer> ports = new TreeSet<>();
        for (Object listener : list(at(kafka, "spec", "kafka", "listeners"))) {
            if (listener instanceof Map<?, ?> m && integer(m.get("port")) != null) {
                ports.add(integer(m.get("port")));
            }
        }
        return ports;
    }

    private void checkExternalSecretsUsed() {
        for (String declared : options.externalSecrets().keySet()) {
            if (secrets.containsKey(declared)) {
                violation("Secret %s is both rendered and declared in external-secrets.txt", declared);
            } else if (!usedExternalSecrets.contains(declared)) {
                violation("external-secrets.txt declares Secret %s, which nothing references", declared);
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : nullSafe(selector.getMatchLabels()).entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement r : nullSafe(selector.getMatchExpressions())) {
            String value = labels.get(r.getKey());
            List<String> values = nullSafe(r.getValues());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector == null || (nullSafe(selector.getMatchLabels()).isEmpty() && nullSafe(selector.getMatchExpressions()).isEmpty());
    }

    private static boolean isZero(IntOrString value) {
        return value != null && (Objects.equals(value.getIntVal(), 0) || "0%".equals(value.getStrVal()) || "0".equals(value.getStrVal()));
    }

    private static String describe(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        nullSafe(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        nullSafe(selector.getMatchExpressions()).forEach(r -> parts.add(r.getKey() + " " + r.getOperator() + " " + r.getValues()));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String describe(IntOrString value) {
        return value == null ? "null" : value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    static Object at(GenericKubernetesResource resource, String... path) {
        Object current = resource.getAdditionalProperties();
        for (String p : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(p);
        }
        return current;
    }

    static String str(Object value) {
        return value == null ? null : value.toString();
    }

    static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> nullSafe(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
