package org.socialfeed.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code error} repeats {@code detail} under the name Mastodon clients read,
 * so existing client libraries show the message too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String error,
                      List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field of a request, for validation failures. */
    public record FieldViolation(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String detail, String instance) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, instance, detail, null);
    }

    /** The same problem with a machine-readable {@code error} code, as OAuth 2 requires ({@code invalid_grant}). */
    public Problem withErrorCode(String code) {
        return new Problem(type, title, status, detail, instance, code, violations);
    }

    public Problem withViolations(List<FieldViolation> fieldViolations) {
        return new Problem(type, title, status, detail, instance, error, fieldViolations);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
