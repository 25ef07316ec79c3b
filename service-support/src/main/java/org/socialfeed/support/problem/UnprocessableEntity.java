package org.socialfeed.support.problem;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** HTTP 422, which Mastodon answers when a well-formed request breaks a rule (taken username, too-long post). */
public class UnprocessableEntity extends ClientErrorException {

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
        super(message, Response.status(STATUS).build());
    }
}
