package org.socialfeed.user.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import org.socialfeed.support.form.FormInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the optional options body of Mastodon's action endpoints ({@code follow}, {@code mute}): clients send
 * nothing, a JSON object or a form (urlencoded or multipart, read by the shared {@link FormInput}), with or without
 * a content type. Unknown fields are ignored as Mastodon does; malformed JSON or forms and wrong types are the
 * client's error (400).
 */
@ApplicationScoped
public class OptionsBody {

    private final ObjectMapper json;
    private final FormInput forms;

    public OptionsBody(ObjectMapper json, FormInput forms) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.forms = forms;
    }

    public <T> T read(String contentType, byte[] body, Class<T> type, T absent) throws IOException {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return absent;
        }
        if (FormInput.isForm(contentType)) {
            return forms.read(contentType, body, type);
        }
        if (!new String(body, StandardCharsets.UTF_8).stripLeading().startsWith("{")) {
            throw new BadRequestException("The request body must be a JSON object or a form");
        }
        return json.readValue(body, type);
    }
}
