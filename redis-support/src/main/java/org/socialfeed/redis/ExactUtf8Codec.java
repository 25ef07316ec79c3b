package org.socialfeed.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.codec.ToByteBufEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.ByteBuffer;

/**
 * Lettuce's UTF-8 string codec, but telling Lettuce each argument's exact encoded length. Lettuce writes an argument
 * straight into the command's buffer only when its codec's size estimate is exact; for {@link StringCodec#UTF8} it is
 * not, so every key and value of every command went through a temporary pooled buffer of its own (allocated,
 * copied, released: a quarter of a home read's CPU with a page's hundred-odd arguments).
 */
final class ExactUtf8Codec implements RedisCodec<String, String>, ToByteBufEncoder<String, String> {

    static final ExactUtf8Codec INSTANCE = new ExactUtf8Codec();

    private static final StringCodec DECODER = StringCodec.UTF8;

    private ExactUtf8Codec() {
    }

    @Override
    public void encodeKey(String key, ByteBuf target) {
        encode(key, target);
    }

    @Override
    public void encodeValue(String value, ByteBuf target) {
        encode(value, target);
    }

    private static void encode(String text, ByteBuf target) {
        if (text != null) {
            ByteBufUtil.writeUtf8(target, text);
        }
    }

    @Override
    public int estimateSize(Object keyOrValue) {
        return keyOrValue instanceof String text ? ByteBufUtil.utf8Bytes(text) : 0;
    }

    @Override
    public boolean isEstimateExact() {
        return true;
    }

    @Override
    public ByteBuffer encodeKey(String key) {
        return DECODER.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(String value) {
        return DECODER.encodeValue(value);
    }

    @Override
    public String decodeKey(ByteBuffer bytes) {
        return DECODER.decodeKey(bytes);
    }

    @Override
    public String decodeValue(ByteBuffer bytes) {
        return DECODER.decodeValue(bytes);
    }
}
