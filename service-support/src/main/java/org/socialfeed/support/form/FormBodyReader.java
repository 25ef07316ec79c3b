package org.socialfeed.support.form;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * The JAX-RS side of {@link FormInput}: an endpoint whose {@code @Consumes} lists
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data} besides JSON gets its request record from
 * a form exactly as from JSON.
 */
@Provider
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
public class FormBodyReader implements MessageBodyReader<Object> {

    private final FormInput forms;

    public FormBodyReader(FormInput forms) {
        this.forms = forms;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        return forms.read(headers.getFirst(HttpHeaders.CONTENT_TYPE), body.readAllBytes(), genericType);
    }
}
