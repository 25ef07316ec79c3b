package org.socialfeed.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * A request body is one JSON value and nothing after it: {@code {"a":1}garbage} is malformed JSON (400), not a
 * valid object followed by something to ignore, which is Jackson's default. And its text is well-formed Unicode:
 * JSON's {@code \ud800} escape can name half a surrogate pair, which no encoding can store or show (it came back
 * as U+FFFD from one service and {@code ?} from another), so such a string is refused ({@link MalformedText}, 422).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("well-formed-text")
                .addDeserializer(String.class, new WellFormedStrings()));
    }

    /** A JSON string that is not well-formed Unicode: a lone surrogate. */
    public static final class MalformedText extends InvalidFormatException {
        MalformedText(JsonParser parser, String value) {
            super(parser, "Text is not well-formed Unicode (an unpaired surrogate)", value, String.class);
        }
    }

    private static final class WellFormedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && !wellFormed(value)) {
                throw new MalformedText(parser, value);
            }
            return value;
        }

        private static boolean wellFormed(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
