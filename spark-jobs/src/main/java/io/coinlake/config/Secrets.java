package io.coinlake.config;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of what coinlake prints: settings whose name looks secret (the same families
 * Spark redacts: secret, password, token, access key, credential) and {@code user:secret@} in
 * URIs. Over-masking is fine; printing a key is not.
 */
public final class Secrets {
  public static final String MASK = "*****";
  private static final String SECRET_NAME = "(?:secret|password|token|access[._-]?key|credential)";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*" + SECRET_NAME + ".*");
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)([A-Za-z0-9_.-]*" + SECRET_NAME + "[A-Za-z0-9_.-]*)(\\s*=\\s*)(['\"]?)[^\\s'\",;]+");
  private static final Pattern URI_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s@]+@");

  private Secrets() {}

  /** True for a setting name such as {@code fs.s3a.secret.key} or {@code AWS_SESSION_TOKEN}. */
  public static boolean isSecret(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /** The value to print for a setting: masked when its name looks secret. */
  public static String mask(String key, String value) {
    return isSecret(key) ? MASK : value;
  }

  /** {@code text} with secret-looking {@code key=value} pairs and URI credentials masked. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String noUserInfo = URI_USERINFO.matcher(text).replaceAll("$1" + MASK + "@");
    return KEY_VALUE.matcher(noUserInfo).replaceAll("$1$2$3" + MASK);
  }
}
