package org.socialfeed.support.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.inject.Singleton;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;
import org.hibernate.validator.spi.nodenameprovider.Property;
import org.hibernate.validator.spi.nodenameprovider.PropertyNodeNameProvider;

/**
 * Names an invalid field of a request body as the client wrote it ({@code spoiler_text}), not as the Java record
 * calls it ({@code spoilerText}): a violation's path is built from the names Jackson reads and writes.
 */
@Singleton
public class JsonPropertyNames implements ValidatorFactoryCustomizer, PropertyNodeNameProvider {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.propertyNodeNameProvider(this);
    }

    @Override
    public String getName(Property property) {
        if (property instanceof JavaBeanProperty bean) {
            JavaType type = json.constructType(bean.getDeclaringClass());
            return json.getSerializationConfig().introspect(type).findProperties().stream()
                    .filter(candidate -> candidate.getInternalName().equals(property.getName()))
                    .map(BeanPropertyDefinition::getName)
                    .findFirst().orElse(property.getName());
        }
        return property.getName();
    }
}
