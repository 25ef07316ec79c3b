package org.socialfeed.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.common.util.MediaTypeHelper;

import java.util.Comparator;
import java.util.List;

/**
 * Every error answer of every service (ADR 10). Mastodon clients read {@code error} (and {@code error_description})
 * from an {@code application/json} body, so that is the default; the RFC 9457 members sit in the same body, and a
 * client whose {@code Accept} prefers {@code application/problem+json} gets that media type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"error", "error_description", "type", "title", "status", "detail", "instance", "violations"})
public record Problem(String error, @JsonProperty("error_description") String errorDescription, String type,
                      String title, int status, String detail, String instance, List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final MediaType PROBLEM_TYPE = MediaType.valueOf(MEDIA_TYPE);

    /** One invalid field of a request, for validation failures. */
    public record FieldViolation(String field, String message) {
    }

    /** A problem whose Mastodon {@code error} is its {@code detail}, as Mastodon's own messages are. */
    public static Problem of(Response.StatusType status, String detail, String instance) {
        return new Problem(detail, null, "about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                instance, null);
    }

    /** The same problem with a machine-readable {@code error} code and its description, as OAuth 2 answers. */
    public Problem withErrorCode(String code, String description) {
        return new Problem(code, description, type, title, status, detail, instance, violations);
    }

    /**
     * Invalid fields: {@code error} reads as Mastodon's ("Validation failed: ..."), so clients that show only it still
     * name the fields; {@code error_description} and {@code violations} list them.
     */
    public Problem withViolations(List<FieldViolation> fieldViolations) {
        return new Problem("Validation failed: " + detail, detail, type, title, status, detail, instance,
                fieldViolations);
    }

    /** A JAX-RS answer; {@link ProblemMediaType} gives it the media type the client asked for. */
    public Response toResponse() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }

    /** Answers a request from a Vert.x route, before JAX-RS, and closes the connection (its body is left unread). */
    public void send(HttpServerRequest request) {
        request.response().putHeader(HttpHeaders.CONNECTION, "close");
        answer(request);
    }

    /** Answers a request a Vert.x route has read whole (a GET), keeping the connection open. */
    public void answer(HttpServerRequest request) {
        request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, mediaTypeFor(request.getHeader(HttpHeaders.ACCEPT)))
                .end(Json.encode(this));
    }

    /**
     * {@code application/problem+json} when the {@code Accept} header names it with a q-value at least that of the
     * most specific entry covering {@code application/json} (so {@code application/json, application/problem+json}
     * asks for it, {@code application/problem+json;q=0.5, *}{@code /*} does not), otherwise {@code application/json}.
     */
    public static String mediaTypeFor(String accept) {
        if (accept == null || !accept.contains(MEDIA_TYPE)) {
            return MediaType.APPLICATION_JSON;
        }
        try {
            List<MediaType> accepted = MediaTypeHelper.parseHeader(accept);
            float problem = quality(accepted, PROBLEM_TYPE);
            return problem > 0 && problem >= quality(accepted, MediaType.APPLICATION_JSON_TYPE)
                    ? MEDIA_TYPE : MediaType.APPLICATION_JSON;
        } catch (IllegalArgumentException malformed) {
            return MediaType.APPLICATION_JSON;
        }
    }

    /**
     * Whether a JSON answer is acceptable to this {@code Accept} (none, or one whose most specific entry covering
     * {@code application/json} has a q-value above 0), as JAX-RS decides before it answers 406; a malformed header
     * is left to JAX-RS to judge.
     */
    public static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return quality(MediaTypeHelper.parseHeader(accept), MediaType.APPLICATION_JSON_TYPE) > 0;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The q-value of the most specific accepted type that covers {@code offered}; 0 when none does. */
    private static float quality(List<MediaType> accepted, MediaType offered) {
        return accepted.stream().filter(type -> type.isCompatible(offered))
                .max(Comparator.comparingInt(type -> (type.isWildcardType() ? 0 : 1)
                        + (type.isWildcardSubtype() ? 0 : 1)))
                .map(MediaTypeHelper::getQWithParamInfo).orElse(0f);
    }
}
