package org.socialfeed.support.problem;

/**
 * A request that a service's own rules refuse, named by what went wrong rather than by an HTTP status, so services
 * stay free of JAX-RS; {@link ProblemExceptionMappers#refused} answers it with the matching status and the message
 * as Mastodon's {@code error}.
 */
public class Refusal extends RuntimeException {

    public enum Reason {
        /** Nothing the caller may see goes by that name (also what a hidden record answers). */
        NOT_FOUND,
        /** The caller may see it but not do this to it. */
        NOT_ALLOWED,
        /** A concurrent change won; the caller may retry. */
        CONFLICT,
        /** A well-formed request that breaks a rule (too long, unknown reference...). */
        BROKEN_RULE
    }

    private final Reason reason;

    protected Refusal(Reason reason, String message) {
        super(message, null, false, false); // an answer to the client, not a fault: no stack trace to fill
        this.reason = reason;
    }

    public static Refusal notFound(String message) {
        return new Refusal(Reason.NOT_FOUND, message);
    }

    public static Refusal notAllowed(String message) {
        return new Refusal(Reason.NOT_ALLOWED, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Reason.CONFLICT, message);
    }

    public Reason reason() {
        return reason;
    }
}
