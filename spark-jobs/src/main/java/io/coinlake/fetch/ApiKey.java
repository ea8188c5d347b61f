package io.coinlake.fetch;

import java.util.Optional;
import java.util.function.Function;

/**
 * An API key and the header it travels in. It comes from the environment, never from config
 * files, and {@link #toString()} hides the value so a key cannot reach a log or an exception by
 * accident; {@link #redact} scrubs it from any text we did not write ourselves (server bodies).
 */
public record ApiKey(String header, String value) {
  private static final String HIDDEN = "***";

  /** The key named by {@code envVar} (may be null: no key configured); a blank value means no key. */
  public static Optional<ApiKey> fromEnv(String envVar, String header, Function<String, String> env) {
    if (envVar == null) {
      return Optional.empty();
    }
    String value = env.apply(envVar);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(new ApiKey(header, value.trim()));
  }

  /** The text with every occurrence of the key replaced by ***; a key under 4 characters is no real key and would mangle text. */
  public String redact(String text) {
    return text == null || value.length() < 4 ? text : text.replace(value, HIDDEN);
  }

  @Override
  public String toString() {
    return "ApiKey[header=" + header + ", value=" + HIDDEN + "]";
  }
}
