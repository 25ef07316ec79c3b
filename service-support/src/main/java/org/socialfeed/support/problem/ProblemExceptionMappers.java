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
    /** How long a client is asked to wait when a store is unreachable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) { // the JSON reader wraps what it cannot read
            return jsonProblem(json, uri);
        }
        if (e.getResponse().getStatusInfo().getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e, uri);
        }
        Response.ResponseBuilder response = Response.fromResponse(refusal(e, path(uri)).toResponse());
        copyHeader(e, response, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(e, response, HttpHeaders.RETRY_AFTER);
        copyHeader(e, response, HttpHeaders.ALLOW);
        return response.build();
    }

    /** A client error thrown as a JAX-RS exception: its message, or its status's phrase for a bare one. */
    public static Problem refusal(WebApplicationException e, String path) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? status.getReasonPhrase() : e.getMessage();
        return Problem.of(status, detail, path);
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
        return Response.fromResponse(unauthenticated(path(uri)).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** No token, or one that fails verification; answered with {@code WWW-Authenticate: Bearer}. */
    public static Problem unauthenticated(String path) {
        return Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required", path);
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
        return Response.fromResponse(storeUnavailable(e, path(uri)).toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    /** A store is unreachable ({@code e} says how): logged; answered with {@code Retry-After}. */
    public static Problem storeUnavailable(Throwable e, String path) {
        LOG.warnf("Store unavailable on %s: %s", path, e.getMessage());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "The service is temporarily unavailable; retry later",
                path);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        return unexpected(e, path(uri)).toResponse();
    }

    /** A failure that is the service's fault: logged with an id the answer quotes. */
    public static Problem unexpected(Throwable e, String path) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, path);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "Unexpected error; quote " + errorId + " when reporting it", path);
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
