package io.coinlake.config;

import java.util.List;

/** Argument checks for config records; messages name the key so the loader can point at the file. */
final class Checks {
  private Checks() {}

  static String notBlank(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + key + "' is required and must not be empty");
    }
    return value;
  }

  static int positive(int value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException("'" + key + "' must be > 0, got " + value);
    }
    return value;
  }

  static double positive(double value, String key) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("'" + key + "' must be a finite number > 0, got " + value);
    }
    return value;
  }

  static double fraction(double value, String key) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("'" + key + "' must be between 0 and 1, got " + value);
    }
    return value;
  }

  static <T> List<T> nonEmpty(List<T> values, String key) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' must list at least one value");
    }
    return List.copyOf(values);
  }

  static <T> T present(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
    return value;
  }
}
