package org.socialfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.socialfeed.stack.ServiceApp;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input from every direction, generated from each service's OpenAPI document: malformed, oversized, wrongly
 * typed, wrongly encoded and injection-laden requests to every operation, with missing, forged, expired and unsigned
 * tokens. No answer may be a 5xx or show a stack trace, every 4xx is a JSON error with Mastodon's {@code error}
 * ({@code application/json}, or {@code application/problem+json} for the one request in {@value #PROBLEM_EVERY} that
 * asks for it), and the requests meant to be refused change nothing in MongoDB or Redis (compared document by
 * document before and after).
 */
class BadInputFuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat (org|java|io|com|jdk)\\.[\\w.$]+\\(|Exception\\b|\\.java:\\d+|Caused by:");
    private static final int MINIMUM_REQUESTS = 10_000;
    private static final int PARALLELISM = 6;
    /** Every this many requests, one prefers RFC 9457 documents in its {@code Accept} header. */
    static final int PROBLEM_EVERY = 7;
    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    /** Form bodies no form reader can read: bad escapes, unbalanced or contradicting Rails-style names, deep nesting. */
    private static final List<String> MALFORMED_FORMS = List.of("%%%&=&=%zz", "a[=1", "a]=1", "[]=1", "a=1&a[b]=2",
            "a[b]=1&a[]=2", "a" + "[b]".repeat(20) + "=1");
    /** Multipart bodies (boundary b) that are cut off, contradict themselves or carry a file upload. */
    private static final List<String> MALFORMED_MULTIPART = List.of(
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ncut off",
            "garbage",
            "--b\r\nContent-Disposition: form-data; name=\"a[\"\r\n\r\n1\r\n--b--\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; "
                    + "name=\"a[b]\"\r\n\r\n2\r\n--b--\r\n",
            "--b\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n"
                    + "\r\nPNG\r\n--b--\r\n");
    private static final String PREFERS_PROBLEM = "application/json, application/problem+json";

    /** Values that are not what any parameter expects: non-ids, overflows, injections, odd encodings. */
    static final List<String> BAD_VALUES = List.of(
            "abc", "-1", "0", "1.5", "1e309", "NaN", "true", "99999999999999999999999999", "9223372036854775808",
            "-9223372036854775809", "9007199254740993", "0x1F", " 12 ", "",
            "' OR '1'='1", "1; DROP TABLE users--", "\" OR \"\"=\"", "admin'--",
            "{\"$gt\":\"\"}", "{\"$ne\":null}", "[$where]=1", "this.password.match(/.*/)", "$where",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "{{7*7}}", "${jndi:ldap://127.0.0.1/x}", "../../../../etc/passwd", "%00", "%2e%2e%2f", "\u0000",
            "\r\nX-Injected: yes", "\uD83D\uDE00\u202E\uFEFF", "\u00e9\u0301\u0000\u001f", "null", "[]", "{}",
            "a".repeat(3000));

    /** Bodies no JSON endpoint can read. */
    static final List<String> MALFORMED_JSON = List.of(
            "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "{'a':'b'}", "{\"a\":\"b\",}", "[1,2,", "nul", "tru",
            "\"unterminated", "{\"a\":\"\\uZZZZ\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":NaN}",
            "{\"a\":Infinity}", "{\"a\":\"b\"}garbage", "\u0000", " ", "[".repeat(5000), "{\"a\":".repeat(3000),
"<xml/>", "a=b&c=d", "--boundary\r\nContent-Disposition: form-data\r\n\r\n");

    /** Bodies that are JSON but not an object. */
    static final List<String> WRONG_SHAPES = List.of("null", "true", "42", "\"text\"", "[]", "[{}]", "[1,2,3]");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final AtomicInteger tried = new AtomicInteger();
    private final Map<String, AtomicInteger> byStatus = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> acceptedWrites = Collections.synchronizedList(new ArrayList<>());
    private Fixture fixture;

    /** The fuzzing account's own objects, so that body mutations reach the validation of real resources. */
    private record Fixture(Client user, Client other, String postId, String webhookId) {
    }

    /** One generated request; {@code mustBeRefused} when it is a write that no correct service accepts. */
    private record Attempt(OpenApiOperations.Operation operation, String kind, String path, String query,
                           String contentType, byte[] body, String authorization, boolean mustBeRefused) {
    }

    @Test
    void noBadRequestCausesA5xxAStackTraceOrAWrite() throws Exception {
        long started = System.nanoTime();
        fixture = fixture();
        List<OpenApiOperations.Operation> operations = new ArrayList<>();
        for (ServiceApp app : ServiceApp.values()) {
            operations.addAll(OpenApiOperations.fetch(app, http).operations());
        }
        assertThat(operations).hasSizeGreaterThan(40);

        List<Attempt> refused = new ArrayList<>();
        List<Attempt> tolerated = new ArrayList<>();
        for (OpenApiOperations.Operation operation : operations) {
            generate(operation, refused, tolerated);
        }

        warmUp(operations); // reads may fill caches (a home timeline rebuilt on first read): not what is compared
        StoreSnapshot before = StoreSnapshot.settled();
        run(refused);
        StoreSnapshot after = StoreSnapshot.settled();
        int refusedCount = tried.get();
        run(tolerated);

        new Figures("bad-input-fuzz")
                .put("operations", operations.size())
                .put("requests", tried.get())
                .put("requestsThatMustChangeNothing", refusedCount)
                .put("statuses", new java.util.TreeMap<>(byStatus))
                .put("documentsCompared", before.documents())
                .put("collectionsCompared", before.collections().size())
                .put("redisKeysCompared", before.redisKeys())
                .put("failures", failures.size())
                .put("acceptedWritesThatShouldHaveBeenRefused", acceptedWrites.size())
                .put("seconds", Duration.ofNanos(System.nanoTime() - started).toSeconds())
                .write();
        failures.forEach(failure -> System.out.println("[fuzz] FAILURE " + failure));
        acceptedWrites.forEach(write -> System.out.println("[fuzz] ACCEPTED " + write));
        assertThat(tried.get()).isGreaterThanOrEqualTo(MINIMUM_REQUESTS);
        assertThat(failures).as("5xx answers, stack traces, 4xx without a JSON error of the asked media type")
                .isEmpty();
        assertThat(acceptedWrites).as("refused-by-design writes that were accepted").isEmpty();
        assertThat(after).as("the stores after %d refused requests", refusedCount).isEqualTo(before);
    }

    /** One valid read of every collection endpoint, so the caches that reads fill are filled before the snapshot. */
    private void warmUp(List<OpenApiOperations.Operation> operations) throws Exception {
        for (OpenApiOperations.Operation operation : operations) {
            if (operation.method().equals("GET") && operation.pathParameters().isEmpty() && !operation.streams()) {
                http.send(HttpRequest.newBuilder(URI.create(RunningStack.url(operation.app()) + operation.path()))
                        .header("Authorization", "Bearer " + fixture.user().token).timeout(Duration.ofSeconds(20))
                        .build(), HttpResponse.BodyHandlers.discarding());
            }
        }
    }

    private Fixture fixture() {
        Client user = Client.registerAndLogIn("fuzz");
        Client other = Client.registerAndLogIn("fuzzed");
        String postId = user.on(ServiceApp.POST).contentType(ContentType.JSON)
                .body(Map.of("status", "the fuzzer's own post", "visibility", "public"))
                .post("/api/v1/statuses").then().statusCode(200).extract().path("id");
        String webhookId = user.on(ServiceApp.NOTIFICATION).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/fuzz-receiver"))
                .post("/api/v1/webhooks").then().statusCode(200).extract().path("id");
        return new Fixture(user, other, postId, webhookId);
    }

    private void generate(OpenApiOperations.Operation operation, List<Attempt> refused, List<Attempt> tolerated) {
        String token = "Bearer " + fixture.user().token;
        String baseline = baselineBody(operation);
        String realPath = fill(operation, realIdFor(operation.path()));
        String unknownPath = fill(operation, "4503599627370495");
        String pathForCalls = !operation.isWrite() || operation.hasBody() ? realPath : unknownPath;
        String jsonType = operation.takesJson() ? "application/json" : operation.hasBody() ? operation.bodyTypes().get(0) : null;
        byte[] baselineBytes = baseline == null ? null : baseline.getBytes(StandardCharsets.UTF_8);

        // missing, malformed, forged, expired, unsigned and foreign tokens, with the baseline body
        List<String> badAuth = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + Tokens.forged(fixture.user().token), "Bearer " + Tokens.expired(fixture.user().id, fixture.user().username),
                "Bearer " + Tokens.unsigned(fixture.user().id, fixture.user().username),
                "Bearer " + Tokens.signedByAnotherKey(fixture.user().id, fixture.user().username),
                "Bearer " + fixture.user().token + "x", "bearer " + "a".repeat(4000)));
        for (String authorization : badAuth) {
            add(operation, "auth", pathForCalls, "", jsonType, baselineBytes, authorization, refused,
                    operation.requiresToken());
        }
        if (operation.streams()) {
            return; // a valid token opens a stream that does not end: only the token checks apply
        }
        // path parameters that are not ids, or not known ones
        for (String value : BAD_VALUES) {
            if (operation.pathParameters().isEmpty() || value.isEmpty()) {
                break;
            }
            add(operation, "path", fill(operation, encode(value)), "", jsonType, baselineBytes, token, refused,
                    operation.isWrite());
            add(operation, "path-double-encoded", fill(operation, encode(encode(value))), "", jsonType, baselineBytes,
                    token, refused, operation.isWrite());
        }
        // query parameters: every declared one with every bad value, on the real resource
        for (String parameter : operation.queryParameters().keySet()) {
            for (String value : BAD_VALUES) {
                add(operation, "query", pathForCalls, encode(parameter) + "=" + encode(value), jsonType, baselineBytes,
                        token, refused, false);
            }
            for (String value : BAD_VALUES) {
                add(operation, "query-double-encoded", pathForCalls, encode(parameter) + "=" + encode(encode(value)),
                        jsonType, baselineBytes, token, refused, false);
            }
            add(operation, "query-repeated", pathForCalls, encode(parameter) + "=1&" + encode(parameter) + "="
                    + encode(BAD_VALUES.get(parameter.length() % BAD_VALUES.size())), jsonType, baselineBytes, token, refused, false);
            for (String value : BAD_VALUES) {
                add(operation, "query-array", pathForCalls, encode(parameter + "[]") + "=" + encode(value) + "&"
                        + encode(parameter + "[0]") + "=" + encode(value), jsonType, baselineBytes, token, refused, false);
            }
            add(operation, "query-nosql", pathForCalls, encode(parameter + "[$gt]") + "=", jsonType, baselineBytes,
                    token, refused, false);
        }
        if (!operation.hasBody()) {
            return;
        }
        // unreadable bodies, wrong shapes, wrong content types, invalid UTF-8, oversized bodies
        if (operation.takesJson()) {
            for (String body : MALFORMED_JSON) {
                add(operation, "malformed", pathForCalls, "", jsonType, bytes(body), token, refused, true);
            }
            for (String body : WRONG_SHAPES) {
                add(operation, "shape", pathForCalls, "", jsonType, bytes(body), token, refused, true);
            }
            // Jackson reads overlong and surrogate UTF-8 sequences as replacement characters: tolerated, see RELIABILITY.md
            for (byte[] body : invalidUtf8(operation)) {
                add(operation, "utf8", pathForCalls, "", jsonType, body, token, tolerated, false);
            }
            for (String type : List.of("text/plain", "application/xml", "application/octet-stream", "image/png",
                    "multipart/form-data; boundary=x")) {
                add(operation, "content-type", pathForCalls, "", type, baselineBytes, token, refused, true);
            }
            // a JSON body without a content type, or with a charset it is not in, is read as UTF-8 JSON (as Mastodon does)
            add(operation, "charset", pathForCalls, "", "application/json; charset=UTF-16", baselineBytes, token,
                    tolerated, false);
            add(operation, "no-content-type", pathForCalls, "", null, baselineBytes, token, tolerated, false);
            add(operation, "empty", pathForCalls, "", jsonType, new byte[0], token, refused, true);
            add(operation, "oversized", pathForCalls, "", jsonType,
                    bytes("{\"" + first(operation) + "\":\"" + "x".repeat(70_000) + "\"}"), token, refused, true);
            // every field with values of the wrong type
            for (Map.Entry<String, String> field : operation.bodyFields().entrySet()) {
                for (Object wrong : wrongTypes(field.getValue())) {
                    add(operation, "type", pathForCalls, "", jsonType, withField(baseline, field.getKey(), wrong), token,
                            refused, true);
                }
                // injections and odd text in every field: a service may accept them as text, never break on them
                for (String value : BAD_VALUES) {
                    add(operation, "inject", pathForCalls, "", jsonType, withField(baseline, field.getKey(), value),
                            token, tolerated, false);
                }
            }
            add(operation, "unknown-field", pathForCalls, "", jsonType,
                    withField(baseline, "__proto__", Map.of("admin", true)), token, tolerated, false);
            // the same operation's Mastodon form parameters, unreadable: a 4xx JSON error, no write
            if (operation.bodyTypes().contains(URLENCODED)) {
                for (String body : MALFORMED_FORMS) {
                    add(operation, "urlencoded-malformed", pathForCalls, "", URLENCODED, bytes(body), token, refused, true);
                }
            }
            if (operation.bodyTypes().contains(MULTIPART)) {
                for (String body : MALFORMED_MULTIPART) {
                    add(operation, "multipart-malformed", pathForCalls, "", MULTIPART + "; boundary=b", bytes(body),
                            token, refused, true);
                }
                add(operation, "multipart-no-boundary", pathForCalls, "", MULTIPART, bytes(MALFORMED_MULTIPART.get(0)),
                        token, refused, true);
            }
        } else {
            for (String value : BAD_VALUES) {
                add(operation, "form", pathForCalls, "", jsonType,
                        bytes(operation.bodyFields().keySet().stream().map(f -> encode(f) + "=" + encode(value))
                                .collect(Collectors.joining("&"))), token, tolerated, false);
            }
            add(operation, "form-malformed", pathForCalls, "", jsonType, bytes("%%%&=&=%zz"), token, refused, true);
            add(operation, "form-as-json", pathForCalls, "", "application/json", bytes("{\"grant_type\":1}"), token,
                    tolerated, false);
        }
    }

    private void add(OpenApiOperations.Operation operation, String kind, String path, String query, String contentType,
                     byte[] body, String authorization, List<Attempt> into, boolean mustBeRefused) {
        into.add(new Attempt(operation, kind, path, query, contentType, body, authorization,
                mustBeRefused && operation.isWrite()));
    }

    private void run(List<Attempt> attempts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (Attempt attempt : attempts) {
                results.add(pool.submit(() -> send(attempt)));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void send(Attempt attempt) {
        String uri = RunningStack.url(attempt.operation().app()) + attempt.path()
                + (attempt.query().isEmpty() ? "" : "?" + attempt.query());
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                    .method(attempt.operation().method(), attempt.body() == null
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(attempt.body()));
            if (attempt.contentType() != null) {
                request.header("Content-Type", attempt.contentType());
            }
            if (!attempt.authorization().isEmpty()) {
                request.header("Authorization", attempt.authorization());
            }
        } catch (IllegalArgumentException e) {
            return; // a value the HTTP client itself refuses to send: not a request
        }
        boolean prefersProblem = tried.incrementAndGet() % PROBLEM_EVERY == 0;
        if (prefersProblem) {
            request.header("Accept", PREFERS_PROBLEM);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            failures.add(describe(attempt) + " -> no answer: " + e);
            return;
        }
        int status = response.statusCode();
        byStatus.computeIfAbsent(String.valueOf(status), s -> new AtomicInteger()).incrementAndGet();
        String body = response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            failures.add(describe(attempt) + " -> " + status + " " + abbreviate(body));
        } else if (STACK_TRACE.matcher(body).find()) {
            failures.add(describe(attempt) + " -> stack trace in " + status + " " + abbreviate(body));
        } else if (status >= 400 && !isError(body, contentType, prefersProblem)) {
            failures.add(describe(attempt) + (prefersProblem ? " (prefers problem+json)" : "") + " -> " + status
                    + " as '" + contentType + "' " + abbreviate(body));
        } else if (status < 300 && attempt.mustBeRefused()) {
            acceptedWrites.add(describe(attempt) + " -> " + status + " " + abbreviate(body));
        } else if (status < 300 && rendersScript(body)) {
            failures.add(describe(attempt) + " -> HTML content with a live <script>: " + abbreviate(body));
        }
    }

    /** A JSON body with a non-empty {@code error}, of the media type the request asked for. */
    private static boolean isError(String body, String contentType, boolean prefersProblem) {
        if (!contentType.startsWith(prefersProblem ? "application/problem+json" : "application/json")) {
            return false;
        }
        try {
            return !JSON.readTree(body).path("error").asText().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    /** Mastodon's HTML fields ({@code content}, {@code note}) must escape what users typed. */
    private static boolean rendersScript(String body) {
        if (!body.contains("<script") && !body.contains("onerror=")) {
            return false;
        }
        try {
            JsonNode tree = JSON.readTree(body);
            List<JsonNode> html = new ArrayList<>(tree.findValues("content"));
            html.addAll(tree.findValues("note"));
            return html.stream().anyMatch(node -> node.asText().contains("<script") || node.asText().contains("<img"));
        } catch (Exception e) {
            return false;
        }
    }

    private String realIdFor(String path) {
        if (path.startsWith("/api/v1/statuses")) {
            return fixture.postId();
        }
        if (path.startsWith("/api/v1/webhooks")) {
            return fixture.webhookId();
        }
        return fixture.other().id;
    }

    private static String fill(OpenApiOperations.Operation operation, String value) {
        String path = operation.path();
        for (String parameter : operation.pathParameters()) {
            path = path.replace("{" + parameter + "}", value);
        }
        return path;
    }

    /** A body of the declared fields with plausible values of their types (not necessarily a valid request). */
    private static String baselineBody(OpenApiOperations.Operation operation) {
        if (!operation.hasBody()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        operation.bodyFields().forEach((name, type) -> body.put(name, switch (type) {
            case "integer", "number" -> 1;
            case "boolean" -> true;
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> "x";
        }));
        if (!operation.takesJson()) {
            return body.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                    .collect(Collectors.joining("&"));
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Object> wrongTypes(String type) {
        return switch (type) {
            case "integer", "number" -> List.of("abc", Map.of("$gt", 0), List.of(1));
            case "boolean" -> List.of("maybe", Map.of(), List.of(true));
            case "array" -> List.of(Map.of("$where", "1"), "x,y");
            case "object" -> List.of(List.of(1, 2), "x", 7);
            default -> List.of(Map.of("$ne", ""), List.of("a", "b"));
        };
    }

    private static byte[] withField(String baseline, String field, Object value) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = baseline == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(JSON.readValue(baseline, Map.class));
            body.put(field, value);
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON whose string values hold bytes that are not UTF-8 (a lone continuation byte, an overlong encoding...). */
    private static List<byte[]> invalidUtf8(OpenApiOperations.Operation operation) {
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0x80}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            byte[] head = ("{\"" + first(operation) + "\":\"a").getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bad, 0, body, head.length, bad.length);
            System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
            bodies.add(body);
        }
        return bodies;
    }

    private static String first(OpenApiOperations.Operation operation) {
        return operation.bodyFields().keySet().stream().findFirst().orElse("status");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(Attempt attempt) {
        String body = attempt.body() == null ? "" : new String(attempt.body(), StandardCharsets.UTF_8);
        return attempt.operation() + " [" + attempt.kind() + "] " + attempt.path()
                + (attempt.query().isEmpty() ? "" : "?" + abbreviate(attempt.query()))
                + " type=" + attempt.contentType() + " auth=" + abbreviate(attempt.authorization()) + " body=" + abbreviate(body);
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
