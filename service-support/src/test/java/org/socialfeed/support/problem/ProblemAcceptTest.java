package org.socialfeed.support.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code Accept} headers a Vert.x route may answer with JSON, the rest being left to JAX-RS (its 406). */
class ProblemAcceptTest {

    @Test
    void jsonIsAcceptableWhenTheMostSpecificEntryCoveringItHasAQualityAboveZero() {
        assertThat(Problem.acceptsJson(null)).isTrue();
        assertThat(Problem.acceptsJson("")).isTrue();
        assertThat(Problem.acceptsJson("application/json")).isTrue();
        assertThat(Problem.acceptsJson("text/html, */*;q=0.1")).isTrue();
        assertThat(Problem.acceptsJson("application/*")).isTrue();
        assertThat(Problem.acceptsJson("application/problem+json, application/json;q=0.5")).isTrue();

        assertThat(Problem.acceptsJson("text/html")).isFalse();
        assertThat(Problem.acceptsJson("application/json;q=0, */*")).isFalse();
    }
}
