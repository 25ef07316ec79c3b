package org.socialfeed.support.paging;

import jakarta.ws.rs.core.UriBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinkHeaderTest {

    private static final List<String> REQUESTS = List.of(
            "http://127.0.0.1:8080/api/v1/timelines/home",
            "http://127.0.0.1:8080/api/v1/timelines/home?limit=20",
            "http://127.0.0.1:8080/api/v1/timelines/home?max_id=900&limit=5&since_id=100",
            "https://social.example/api/v1/notifications?types%5B%5D=follow&min_id=7&types%5B%5D=mention",
            "http://social.example/api/v1/accounts/12/statuses?only_media=true&exclude_replies&limit=40");

    @Test
    void replacesTheCursorsAsTheUriBuilderDoes() {
        for (String request : REQUESTS) {
            URI uri = URI.create(request);
            for (String cursor : List.of("max_id", "min_id")) {
                String byBuilder = UriBuilder.fromUri(uri).replaceQueryParam(cursor, "42")
                        .replaceQueryParam("max_id".equals(cursor) ? "min_id" : "max_id").replaceQueryParam("since_id")
                        .build().toString();
                assertThat(LinkHeader.withCursor(uri, cursor, "42")).as(request).isEqualTo(byBuilder);
            }
        }
    }

    @Test
    void linksOlderAndNewerPages() {
        assertThat(LinkHeader.of(URI.create("http://h/api/v1/timelines/home?limit=2&max_id=9"), List.of("8", "5")))
                .isEqualTo("<http://h/api/v1/timelines/home?limit=2&max_id=5>; rel=\"next\", "
                        + "<http://h/api/v1/timelines/home?limit=2&min_id=8>; rel=\"prev\"");
        assertThat(LinkHeader.of(URI.create("http://h/api/v1/timelines/home"), List.of())).isNull();
    }
}
