package org.sttplatform.api.web;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.stereotype.Component;

/**
 * Says in the OpenAPI document that a property of a reference type may be {@code null}: the
 * envelopes and views write every member ({@code JsonInclude.ALWAYS}), {@code null} when there is
 * no value (an error message of a completed task, the result of a queued one…), and a schema that
 * says {@code "type": "string"} for them would make every true example invalid. Primitive members
 * and those marked {@code requiredMode = REQUIRED} are never null.
 */
@Component
class NullableProperties implements PropertyCustomizer {

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Schema customize(Schema property, AnnotatedType type) {
    Class<?> raw = rawClass(type.getType());
    if (property == null || raw == null || raw.isPrimitive() || isRequired(type)) {
      return property;
    }
    if (property.get$ref() != null) {
      Schema ref = new Schema().$ref(property.get$ref());
      property.set$ref(null);
      property.setAnyOf(List.of(ref, new Schema().types(Set.of("null"))));
      return property;
    }
    Set<String> types = property.getTypes();
    if (types != null && !types.isEmpty() && !types.contains("null")) {
      Set<String> withNull = new LinkedHashSet<>(types);
      withNull.add("null");
      property.setTypes(withNull);
    }
    return property;
  }

  private static boolean isRequired(AnnotatedType type) {
    Annotation[] annotations = type.getCtxAnnotations();
    if (annotations == null) {
      return false;
    }
    for (Annotation a : annotations) {
      if (a instanceof io.swagger.v3.oas.annotations.media.Schema s
          && (s.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED
              || s.required())) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof JavaType j) {
      return j.getRawClass();
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }
}
