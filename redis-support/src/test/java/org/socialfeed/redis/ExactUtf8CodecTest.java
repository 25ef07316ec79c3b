package org.socialfeed.redis;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExactUtf8CodecTest {

    @Test
    void theEstimateIsTheLengthItWrites() {
        for (String text : List.of("", "feed:u:{246506918609416}:tl", "café ☕", "emoji \uD83D\uDE00 and more")) {
            ByteBuf written = Unpooled.buffer();
            ExactUtf8Codec.INSTANCE.encodeValue(text, written);

            assertThat(ExactUtf8Codec.INSTANCE.estimateSize(text)).as(text).isEqualTo(written.readableBytes());
            assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(text);
        }
        assertThat(ExactUtf8Codec.INSTANCE.isEstimateExact()).isTrue();
    }
}
