package io.coinlake.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Argument checks for config records; messages name the key so the loader can point at the file. */
final class Checks {
  private static final Pattern URI_USERINFO = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@");

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

  static long positive(long value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException("'" + key + "' must be > 0, got " + value);
    }
    return value;
  }

  static long nonNegative(long value, String key) {
    if (value < 0) {
      throw new IllegalArgumentException("'" + key + "' must be >= 0, got " + value);
    }
    return value;
  }

  static int atMost(int value, int max, String key) {
    if (value > max) {
      throw new IllegalArgumentException("'" + key + "' must be <= " + max + ", got " + value);
    }
    return value;
  }

  /** An absolute http(s) URL without a trailing slash, so paths can be appended with "/". */
  static String httpUrl(String value, String key) {
    notBlank(value, key);
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + key + "' is not a valid URL: " + value);
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("'" + key + "' must be an http(s) URL like https://api.example.com, got " + value);
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("'" + key + "' must not carry a query or fragment, got " + value);
    }
    String trimmed = value.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
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

  /**
   * Rejects a URI with {@code user:secret@} in it. The message never repeats the value, since
   * it may be a secret.
   */
  static String noCredentials(String value, String key) {
    if (value != null && URI_USERINFO.matcher(value).find()) {
      throw new IllegalArgumentException("'" + key + "' must not contain credentials (user:secret@): remove them and export"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead (or use an instance role)");
    }
    return value;
  }

  static <T> T present(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
    return value;
  }
}
