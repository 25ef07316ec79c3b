package org.socialfeed.support.problem;

import jakarta.ws.rs.core.Response;

/** A well-formed request that breaks a rule (taken username, too-long post): Mastodon answers it with HTTP 422. */
public class UnprocessableEntity extends Refusal {

    public static final Response.StatusType STATUS = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    public UnprocessableEntity(String message) {
        super(Reason.BROKEN_RULE, message);
    }
}
