package org.socialfeed.redis;

import io.lettuce.core.codec.StringCodec;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Lettuce's UTF-8 string codec, but telling Lettuce each argument's exact encoded length. Lettuce writes an argument
 * straight into the command's buffer only when its codec's size estimate is exact; for {@link StringCodec#UTF8} it is
 * not, so every key and value of every command went through a temporary pooled buffer of its own (allocated,
 * copied, released: a quarter of a home read's event-loop samples with a page's hundred-odd arguments). The encoding
 * itself is {@link StringCodec}'s ({@code ByteBufUtil.writeUtf8}), whose length {@code ByteBufUtil.utf8Bytes} gives.
 */
final class ExactUtf8Codec extends StringCodec {

    static final ExactUtf8Codec INSTANCE = new ExactUtf8Codec();

    private ExactUtf8Codec() {
        super(StandardCharsets.UTF_8);
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue instanceof String text ? ByteBufUtil.utf8Bytes(text) : 0;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }
}
