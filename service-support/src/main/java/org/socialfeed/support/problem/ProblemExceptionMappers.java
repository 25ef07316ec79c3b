package org.socialfeed.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.socialfeed.support.json.StrictJson;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Turns every failure into a {@link Problem}: the client learns what was wrong with its request, and never sees a
 * stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) { // the JSON reader wraps what it cannot read
            return jsonProblem(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e, uri);
        }
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? status.getReasonPhrase() : e.getMessage();
        Response.ResponseBuilder response = Response.fromResponse(Problem.of(status, detail, path(uri)).toResponse());
        copyHeader(e, response, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(e, response, HttpHeaders.RETRY_AFTER);
        copyHeader(e, response, HttpHeaders.ALLOW);
        return response.build();
    }

    @ServerExceptionMapper
    public Response refused(Refusal e, UriInfo uri) {
        Response.StatusType status = switch (e.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case NOT_ALLOWED -> Response.Status.FORBIDDEN;
            case CONFLICT -> Response.Status.CONFLICT;
            case BROKEN_RULE -> UnprocessableEntity.STATUS;
        };
        return Problem.of(status, e.getMessage(), path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return validationFailed(UnprocessableEntity.STATUS, e, path(uri)).toResponse();
    }

    /** A problem listing each invalid field, for the status the endpoint answers validation failures with. */
    public static Problem validationFailed(Response.StatusType status, ConstraintViolationException e, String instance) {
        List<Problem.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldViolation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldViolation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse("Validation failed");
        return Problem.of(status, detail, instance).withViolations(violations);
    }

    /** Named on its own: Quarkus has a built-in mapper for exactly this type, which a supertype would not beat. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(UriInfo uri) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                        "A valid bearer token is required", path(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(Response.Status.FORBIDDEN, "This action is not allowed for this account", path(uri))
                .toResponse();
    }

    /**
     * The database is unreachable: the write did not happen, and the client may retry shortly. A cleared pool is
     * the driver giving up on the operations in flight when the server stopped answering its heartbeat.
     */
    @ServerExceptionMapper({MongoTimeoutException.class, MongoSocketException.class,
            MongoConnectionPoolClearedException.class})
    public Response storeUnavailable(RuntimeException e, UriInfo uri) {
        LOG.warnf("Store unavailable on %s: %s", path(uri), e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                        "The service is temporarily unavailable; retry later", path(uri)).toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, path(uri));
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "Unexpected error; quote " + errorId + " when reporting it", path(uri)).toResponse();
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StrictJson.MalformedText malformed) { // well-formed JSON, text that breaks a rule
            return Problem.of(UnprocessableEntity.STATUS, "Validation failed: '" + jsonPath(malformed)
                    + "' is not well-formed Unicode text (an unpaired surrogate)", path(uri)).toResponse();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return badRequest("Unknown field '" + unknown.getPropertyName() + "'", uri);
        }
        if (e instanceof InvalidFormatException invalid) {
            return badRequest("Field '" + jsonPath(invalid) + "' has the wrong type or value: " + invalid.getValue(), uri);
        }
        if (e instanceof MismatchedInputException mismatched) {
            String field = jsonPath(mismatched);
            return badRequest(field.isEmpty() ? "The request body does not have the expected JSON shape"
                    : "Field '" + field + "' has the wrong type", uri);
        }
        if (e instanceof JsonParseException) {
            return badRequest("Malformed JSON: " + e.getOriginalMessage(), uri);
        }
        return badRequest("Unreadable JSON: " + e.getOriginalMessage(), uri);
    }

    private static Response badRequest(String detail, UriInfo uri) {
        return Problem.of(Response.Status.BAD_REQUEST, detail, path(uri)).toResponse();
    }

    private static void copyHeader(WebApplicationException e, Response.ResponseBuilder response, String header) {
        String value = e.getResponse().getHeaderString(header);
        if (value != null) {
            response.header(header, value);
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String jsonPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
    }

    /** Bean Validation paths look like {@code create.request.status}: the client knows only the last part. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
