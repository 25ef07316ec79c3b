package org.socialfeed.support.form;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import jakarta.inject.Singleton;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import org.socialfeed.support.problem.UnprocessableEntity;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a request record from {@code application/x-www-form-urlencoded} or {@code multipart/form-data}, as Mastodon
 * clients send them: Netty's form decoder (the one Vert.x uses) splits the body into parameters, {@link FormTree}
 * turns their Rails-style names into the JSON tree a JSON body would be, and the application's {@link ObjectMapper}
 * reads the record from it, so validation, unknown fields and error answers are those of JSON. The only difference:
 * form values are text, so booleans may also be {@code 1}/{@code 0} (and an empty value is no value), as Rails reads
 * them. File parts (Mastodon's {@code avatar}, {@code header} uploads) are refused with 422: media are URLs here.
 */
@Singleton
public class FormInput {

    private final ObjectMapper forms;

    public FormInput(ObjectMapper json) {
        this.forms = json.copy().registerModule(new SimpleModule("form-booleans")
                .addDeserializer(Boolean.class, new FormBoolean(Boolean.class))
                .addDeserializer(Boolean.TYPE, new FormBoolean(Boolean.TYPE)));
    }

    /** The value of the given type in a urlencoded or multipart form body (see {@link FormTree} for the names). */
    public <T> T read(String contentType, byte[] body, Type type) throws IOException {
        return forms.readerFor(forms.constructType(type)).readValue(FormTree.of(parameters(contentType, body)));
    }

    /** Whether a request with this content type has a form body. */
    public static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase();
        return type.startsWith(MediaType.APPLICATION_FORM_URLENCODED) || type.startsWith(MediaType.MULTIPART_FORM_DATA);
    }

    /**
     * The text parameters of a form body, in order; a non-empty file part is refused. Without a content type (JAX-RS
     * then picks the endpoint's first form type) the body is read as urlencoded, as a browser form is.
     */
    static List<Map.Entry<String, String>> parameters(String declaredType, byte[] body) throws IOException {
        String contentType = declaredType == null ? MediaType.APPLICATION_FORM_URLENCODED : declaredType;
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        if (contentType.toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA) && !complete(request, body)) {
            request.release();
            throw new BadRequestException("Malformed form body: multipart/form-data without a boundary or its end");
        }
        HttpPostRequestDecoder decoder;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request, StandardCharsets.UTF_8);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw new BadRequestException("Malformed form body: " + e.getMessage());
        }
        try {
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            Set<String> files = new TreeSet<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof FileUpload file) {
                    if (file.length() > 0 || !file.getFilename().isEmpty()) {
                        files.add(file.getName());
                    }
                } else if (data instanceof Attribute attribute) {
                    parameters.add(Map.entry(attribute.getName(), attribute.getValue()));
                }
            }
            if (!files.isEmpty()) {
                throw new UnprocessableEntity("File uploads are not supported (" + String.join(", ", files)
                        + "): give images as http(s) URLs of images hosted elsewhere");
            }
            return parameters;
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IllegalArgumentException e) {
            throw new BadRequestException("Malformed form body: " + e.getMessage());
        } finally {
            decoder.destroy();
            request.release();
        }
    }

    /** Whether a multipart body has its boundary and ends with it (Netty takes a cut-off body for an empty one). */
    private static boolean complete(FullHttpRequest request, byte[] body) {
        String boundary = HttpPostRequestDecoder.isMultipart(request)
                ? MediaType.valueOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).getParameters().get("boundary")
                : null;
        return boundary != null && new String(body, StandardCharsets.ISO_8859_1).contains("--" + boundary + "--");
    }

    /** A form boolean: Rails's {@code true}/{@code false}/{@code 1}/{@code 0} (JSON booleans read as ever). */
    private static final class FormBoolean extends StdScalarDeserializer<Boolean> {
        FormBoolean(Class<Boolean> type) {
            super(type);
        }

        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
            }
            return switch (parser.getText().trim()) {
                case "" -> getNullValue(context);
                case "true", "1" -> Boolean.TRUE;
                case "false", "0" -> Boolean.FALSE;
                default -> (Boolean) context.handleWeirdStringValue(Boolean.class, parser.getText(),
                        "not a boolean (true, false, 1 or 0)");
            };
        }

        @Override
        public Boolean getNullValue(DeserializationContext context) {
            return _valueClass == Boolean.TYPE ? Boolean.FALSE : null;
        }
    }
}
