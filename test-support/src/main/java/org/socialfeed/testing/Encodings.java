package org.socialfeed.testing;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The three ways a Mastodon client sends the same parameters: a JSON object, a urlencoded form and a multipart form.
 * Form names may be Rails-style ({@code home[last_read_id]}); JSON sends the names as they are, so nested values
 * are given to {@link #FORMS} only and compared with the JSON object they stand for.
 */
public enum Encodings {
    JSON, URLENCODED, MULTIPART;

    /** The two form encodings. */
    public static final List<Encodings> FORMS = List.of(URLENCODED, MULTIPART);

    /** The request with the given parameters as its body. */
    public RequestSpecification body(RequestSpecification request, Map<String, String> parameters) {
        if (this == JSON) {
            request.contentType(ContentType.JSON).body(parameters);
        } else if (this == URLENCODED) {
            request.contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8));
            parameters.forEach(request::formParam);
        } else {
            parameters.forEach((name, value) -> request.multiPart(new MultiPartSpecBuilder(value)
                    .controlName(name).charset(StandardCharsets.UTF_8).build()));
        }
        return request;
    }
}
