package org.socialfeed.testing;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

import static org.hamcrest.Matchers.notNullValue;

/** What every refusal looks like to a Mastodon client (ADR 10): {@code application/json} with an {@code error}. */
public final class ErrorBody {

    public static final ResponseSpecification MASTODON = new ResponseSpecBuilder()
            .expectContentType("application/json").expectBody("error", notNullValue()).build();

    private ErrorBody() {
    }
}
