package org.socialfeed.user.account;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Body of {@code PATCH /api/v1/accounts/update_credentials}. Every field is optional: what is left out stays as it
 * is. JSON or Mastodon's form (see {@code FormBodyReader}). Differs from Mastodon: {@code avatar} and {@code header}
 * are URLs of images hosted elsewhere (an empty string removes one) instead of uploads.
 *
 * @param fieldsAttributes the new profile fields, replacing all of them: an array, or Rails' hash keyed by index
 *                         ({@code fields_attributes[0][name]} in a form); entries with neither name nor value are
 *                         dropped, as Mastodon does
 */
public record ProfileUpdate(
        @JsonProperty("display_name") @Size(max = 30, message = "must be at most 30 characters") String displayName,
        @Size(max = 500, message = "must be at most 500 characters") String note,
        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = IMAGE_URL, message = "must be an http(s) URL") String avatar,
        @Size(max = 2048, message = "must be at most 2048 characters")
        @Pattern(regexp = IMAGE_URL, message = "must be an http(s) URL") String header,
        Boolean locked, Boolean bot, Boolean discoverable,
        @JsonProperty("fields_attributes") @JsonDeserialize(using = ArrayOrIndexedObject.class)
        @Size(max = MAX_FIELDS, message = "must be at most " + MAX_FIELDS + " fields")
        List<@Valid FieldAttributes> fieldsAttributes,
        @Valid SourceUpdate source) {

    /** Mastodon's default limit of profile fields. */
    public static final int MAX_FIELDS = 4;
    private static final String IMAGE_URL = "|https?://[^\\s/?#]+[^\\s]*";

    /** One profile field; Mastodon's limits of 255 characters each. */
    public record FieldAttributes(@Size(max = 255, message = "must be at most 255 characters") String name,
                                  @Size(max = 255, message = "must be at most 255 characters") String value) {

        boolean isBlank() {
            return (name == null || name.isBlank()) && (value == null || value.isBlank());
        }
    }

    /** Mastodon's {@code source[...]} posting defaults. */
    public record SourceUpdate(
            @Pattern(regexp = "public|unlisted|private", message = "must be public, unlisted or private")
            String privacy,
            Boolean sensitive,
            @Pattern(regexp = "|[a-z]{2}", message = "must be an ISO 639-1 code (or empty for none)")
            String language) {
    }

    /** Reads an array, or an object keyed by indexes (Rails' {@code fields_attributes} hash) as the array in order. */
    static final class ArrayOrIndexedObject extends JsonDeserializer<List<FieldAttributes>> {
        @Override
        public List<FieldAttributes> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode given = context.readTree(parser);
            JsonNode list = given;
            if (given.isObject()) {
                List<String> keys = new ArrayList<>();
                given.fieldNames().forEachRemaining(keys::add);
                if (!keys.stream().allMatch(key -> key.matches("\\d{1,9}"))) {
                    return context.reportInputMismatch(this, "fields_attributes: keys must be indexes");
                }
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                keys.stream().sorted(Comparator.comparingInt(Integer::parseInt)).forEach(key -> array.add(given.get(key)));
                list = array;
            }
            return context.readTreeAsValue(list, context.getTypeFactory()
                    .constructCollectionType(List.class, FieldAttributes.class));
        }
    }
}
