package org.socialfeed.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socialfeed.stack.ServiceApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operations a service's OpenAPI document ({@code /q/openapi?format=json}) declares, as the fuzzer needs them. */
record OpenApiOperations(ServiceApp app, List<Operation> operations) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: its parameters by location, and the top-level fields of its JSON body with their types. */
    record Operation(ServiceApp app, String method, String path, List<String> pathParameters,
                     Map<String, String> queryParameters, boolean requiresToken, List<String> bodyTypes,
                     Map<String, String> bodyFields, boolean streams) {

        boolean hasBody() {
            return !bodyTypes.isEmpty();
        }

        boolean isWrite() {
            return !method.equals("GET");
        }

        boolean takesJson() {
            return bodyTypes.stream().anyMatch(type -> type.contains("json"));
        }

        @Override
        public String toString() {
            return app.module() + " " + method + " " + path;
        }
    }

    static OpenApiOperations fetch(ServiceApp app, HttpClient http) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(RunningStack.url(app) + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(app.module() + " answered " + response.statusCode() + " for its OpenAPI");
            }
            return parse(app, JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OpenApiOperations parse(ServiceApp app, JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (method.getKey().equals("parameters")) {
                    continue;
                }
                operations.add(operation(app, path.getKey(), method.getKey().toUpperCase(java.util.Locale.ROOT),
                        method.getValue(), schemas));
            }
        }
        return new OpenApiOperations(app, operations);
    }

    private static Operation operation(ServiceApp app, String path, String method, JsonNode operation, JsonNode schemas) {
        List<String> pathParameters = new ArrayList<>();
        Map<String, String> queryParameters = new LinkedHashMap<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String type = parameter.path("schema").path("type").asText("string");
            switch (parameter.path("in").asText()) {
                case "path" -> pathParameters.add(parameter.path("name").asText());
                case "query" -> queryParameters.put(parameter.path("name").asText(), type);
                default -> { }
            }
        }
        List<String> bodyTypes = new ArrayList<>();
        Map<String, String> bodyFields = new LinkedHashMap<>();
        JsonNode content = operation.path("requestBody").path("content");
        content.fieldNames().forEachRemaining(bodyTypes::add);
        content.elements().forEachRemaining(media -> fields(media.path("schema"), schemas, bodyFields));
        boolean streams = path.contains("/streaming/");
        for (JsonNode response : operation.path("responses")) {
            streams |= response.path("content").has("text/event-stream");
        }
        boolean requiresToken = operation.has("security") && !operation.path("security").isEmpty();
        return new Operation(app, method, path, pathParameters, queryParameters, requiresToken, bodyTypes, bodyFields,
                streams);
    }

    private static void fields(JsonNode schema, JsonNode schemas, Map<String, String> into) {
        JsonNode resolved = schema;
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asText();
            resolved = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        for (JsonNode part : resolved.path("allOf")) {
            fields(part, schemas, into);
        }
        Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            JsonNode type = property.getValue();
            String name = type.has("$ref") ? "object" : type.path("type").asText("string");
            into.putIfAbsent(property.getKey(), name);
        }
    }
}
