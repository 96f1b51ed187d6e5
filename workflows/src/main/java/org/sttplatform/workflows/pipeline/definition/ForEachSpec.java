package org.sttplatform.workflows.pipeline.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.sttplatform.workflows.pipeline.expr.ExpressionException;
import org.sttplatform.workflows.pipeline.expr.Expressions;
import org.sttplatform.workflows.pipeline.expr.Scope;

/**
 * Runs a step once per element of a list; inside the step, {@code ${item}} is the element and
 * {@code ${index}} its position (from 0). The step's output is the list of the elements' outputs,
 * in the list's order.
 *
 * <p>In JSON, {@code max_concurrency} is either an integer or one reference such as {@code
 * "${inputs.concurrency}"}; Java code reads {@link #maxConcurrency()} for the first form, {@link
 * #maxConcurrencyRef()} for the second, or simply {@link #effectiveMaxConcurrency(Scope)}.
 *
 * @param items a reference to a list, e.g. {@code ${inputs.urls}}
 * @param maxConcurrency how many elements run at once (default 4), when given as a number
 * @param maxConcurrencyRef the {@code ${...}} reference {@code max_concurrency} was given as, or
 *     {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForEachSpec(
    String items, @JsonIgnore Integer maxConcurrency, @JsonIgnore String maxConcurrencyRef) {

  /** Elements that run at once when {@code max_concurrency} is absent. */
  public static final int DEFAULT_MAX_CONCURRENCY = 4;

  /** A for_each with a literal (or absent) {@code max_concurrency}. */
  public ForEachSpec(String items, Integer maxConcurrency) {
    this(items, maxConcurrency, null);
  }

  /**
   * Reads the JSON form: {@code max_concurrency} an integer or a reference string. A value of
   * another type is kept as its text in {@link #maxConcurrencyRef()} so validation can name it.
   */
  @JsonCreator
  public static ForEachSpec fromJson(
      @JsonProperty("items") String items, @JsonProperty("max_concurrency") Object maxConcurrency) {
    if (maxConcurrency == null) {
      return new ForEachSpec(items, null, null);
    }
    if (maxConcurrency instanceof Integer n) {
      return new ForEachSpec(items, n, null);
    }
    return new ForEachSpec(items, null, String.valueOf(maxConcurrency));
  }

  /** {@code max_concurrency} as JSON writes it: the number or the reference. */
  @JsonProperty("max_concurrency")
  public Object maxConcurrencyJson() {
    return maxConcurrencyRef != null ? maxConcurrencyRef : maxConcurrency;
  }

  /**
   * How many elements run at once: the literal, the resolved reference, or {@link
   * #DEFAULT_MAX_CONCURRENCY}.
   *
   * @throws ExpressionException if the reference cannot be resolved or is not a positive integer
   */
  public int effectiveMaxConcurrency(Scope scope) {
    if (maxConcurrencyRef == null) {
      return maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency;
    }
    Object value = Expressions.resolve(maxConcurrencyRef, scope);
    if (value instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() >= 1
        && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new ExpressionException(
        "max_concurrency " + maxConcurrencyRef + " is " + value + ", not a positive integer");
  }
}
