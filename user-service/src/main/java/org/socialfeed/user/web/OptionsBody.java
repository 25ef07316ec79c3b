package org.socialfeed.user.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the optional options body of Mastodon's action endpoints ({@code follow}, {@code mute}): clients send
 * nothing, a JSON object or a form, with or without a content type. Unknown fields are ignored as Mastodon does;
 * malformed JSON and wrong types are the client's error (400).
 */
@ApplicationScoped
public class OptionsBody {

    private final ObjectMapper json;

    public OptionsBody(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public <T> T read(String contentType, String body, Class<T> type, T absent) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return absent;
        }
        if (contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return json.treeToValue(form(body), type);
        }
        if (!body.stripLeading().startsWith("{")) {
            throw new BadRequestException("The request body must be a JSON object or a form");
        }
        return json.readValue(body, type);
    }

    private ObjectNode form(String body) {
        ObjectNode fields = json.createObjectNode();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            }
        }
        return fields;
    }
}
