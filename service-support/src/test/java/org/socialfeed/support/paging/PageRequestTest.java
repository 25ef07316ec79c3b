package org.socialfeed.support.paging;

import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void defaultsAndCapsTheLimit() {
        assertThat(PageRequest.parse(null, null, null, null).limit()).isEqualTo(20);
        assertThat(PageRequest.parse(null, null, null, "500").limit()).isEqualTo(40);
        assertThat(PageRequest.limit(null, 100, 1000)).isEqualTo(100);
        assertThat(PageRequest.limit("5000", 100, 1000)).isEqualTo(1000);
    }

    @Test
    void boundsFollowTheCursors() {
        PageRequest page = PageRequest.parse("900", "100", null, "5");
        assertThat(page.upperBound()).isEqualTo(900);
        assertThat(page.lowerBound()).isEqualTo(100);
        assertThat(page.readsUpward()).isFalse();
        assertThat(PageRequest.parse(null, null, "300", null).readsUpward()).isTrue();
    }

    @Test
    void rejectsMalformedCursorsAndLimits() {
        assertThatThrownBy(() -> PageRequest.parse("abc", null, null, null))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("max_id");
        assertThatThrownBy(() -> PageRequest.parse(null, "-4", null, null)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> PageRequest.parse(null, null, null, "0")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> PageRequest.parse(null, null, null, "ten")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> PageRequest.limit("-1", 100, 1000)).isInstanceOf(BadRequestException.class);
    }
}
