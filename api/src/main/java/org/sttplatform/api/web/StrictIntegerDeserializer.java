package org.sttplatform.api.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * An {@code Integer} field of a JSON body: a JSON integer, or a string of ASCII digits (clients of
 * the seed, whose validation coerced {@code "20"}, send that). Jackson's default coercion also
 * takes signs, surrounding spaces and any Unicode digit ({@code "١"} is 1); those are refused so
 * the request fails with a 400 naming the field instead of being guessed at.
 */
final class StrictIntegerDeserializer extends ValueDeserializer<Integer> {

  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      return p.getIntValue(); // out of int range fails as a coercion error, also a 400
    }
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getString();
      Long value = Params.asciiDigits(text);
      if (value == null || value > Integer.MAX_VALUE) {
        return (Integer)
            ctxt.handleWeirdStringValue(Integer.class, text, "expected an integer (digits 0-9)");
      }
      return value.intValue();
    }
    return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
  }
}
