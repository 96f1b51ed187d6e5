package org.sttplatform.definitions;

import java.util.List;

/** Small helpers to write test definitions. */
final class Defs {
  private Defs() {}

  /** A definition with the given inputs (a JSON object body) and steps (JSON array body). */
  static String definition(String inputs, String steps) {
    return definition(inputs, steps, "{}");
  }

  static String definition(String inputs, String steps, String outputs) {
    return "{\"id\":\"t\",\"version\":1,\"inputs\":{"
        + inputs
        + "},\"steps\":["
        + steps
        + "],\"outputs\":"
        + outputs
        + "}";
  }

  /** Single quotes become double quotes, so JSON reads well inside Java strings. */
  static String q(String text) {
    return text.replace('\'', '"');
  }

  static List<Problem> problems(String json) {
    return DefinitionValidator.validate(json, TestComponents.REGISTRY).problems();
  }

  /** The problems of a definition made of {@code steps} with inputs url (string) and urls. */
  static List<Problem> stepProblems(String steps) {
    return problems(
        definition(
            q("'url':{'type':'string'},'urls':{'type':'array'},'n':{'type':'integer','default':2}"),
            q(steps)));
  }

  static final String FETCH = "{'id':'fetch','component':'fetch','params':{'url':'${inputs.url}'}}";
}
