package io.coinlake.tracking;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * MLflow's name rules ({@code mlflow/utils/validation.py}, 2.17): names become file names in the
 * store, so they are checked before any path is built. Violations throw {@link
 * IllegalArgumentException}.
 */
final class MlflowNames {
  // Python's \w is Unicode-aware for str patterns.
  private static final Pattern RUN_ID =
      Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,255}$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern EXPERIMENT_ID =
      Pattern.compile("^[a-zA-Z0-9][\\w\\-]{0,63}$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern KEY =
      Pattern.compile("^[/\\w.\\- :]*$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");

  static final int MAX_PARAM_VALUE_LENGTH = 6000;
  static final int MAX_TAG_VALUE_LENGTH = 8000;
  static final int MAX_KEY_LENGTH = 250;
  static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
  static final int MAX_ALIAS_LENGTH = 255;

  private MlflowNames() {}

  static String runId(String runId) {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("Invalid run id '" + runId + "'.");
    }
    return runId;
  }

  static String experimentId(String id) {
    if (id == null || !EXPERIMENT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Invalid experiment id '" + id + "'.");
    }
    return id;
  }

  /** A metric, param or tag key: alphanumerics, _ - . space : and /, and not resolving to another path. */
  static String key(String kind, String key) {
    if (key == null) {
      throw new IllegalArgumentException(kind + " name cannot be null.");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          kind + " name '" + key + "' exceeds the maximum length of " + MAX_KEY_LENGTH + " characters.");
    }
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + kind + " name '" + key + "': names may only contain alphanumerics, underscores (_),"
              + " dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).");
    }
    String norm = normpath(key);
    if (!norm.equals(key) || norm.equals(".") || norm.startsWith("..") || norm.startsWith("/")) {
      throw new IllegalArgumentException(
          "Invalid " + kind + " name '" + key + "': names are stored as files and must not resolve to"
              + " another name; this one resolves to '" + norm + "'.");
    }
    return key;
  }

  static String value(String kind, String key, String value, int maxLength) {
    String v = value == null ? "" : value;
    if (v.length() > maxLength) {
      throw new IllegalArgumentException(
          kind + " '" + key + "' has a value of " + v.length() + " characters; the maximum is " + maxLength + ".");
    }
    return v;
  }

  static String experimentName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Invalid experiment name: '" + name + "'.");
    }
    if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "Experiment name exceeds the maximum length of " + MAX_EXPERIMENT_NAME_LENGTH + " characters.");
    }
    return name;
  }

  /** A registered model name: non-empty, no path separator, no '%' (the registry FileStore's rules). */
  static String modelName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("Registered model name cannot be empty.");
    }
    if (name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException(
          "Invalid name: '" + name + "'. Registered model name cannot contain path separator");
    }
    if (name.contains("%")) {
      throw new IllegalArgumentException(
          "Invalid name: '" + name + "'. Registered model name cannot contain '%' character");
    }
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("Invalid name: '" + name + "'.");
    }
    return name;
  }

  static String alias(String alias) {
    if (alias == null || alias.isEmpty()) {
      throw new IllegalArgumentException("Registered model alias name cannot be empty.");
    }
    if (!ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "Invalid alias name: '" + alias + "'. Alias names may only contain alphanumerics, underscores and dashes.");
    }
    if (alias.length() > MAX_ALIAS_LENGTH) {
      throw new IllegalArgumentException(
          "Registered model alias name exceeds the maximum length of " + MAX_ALIAS_LENGTH + " characters.");
    }
    if (alias.equalsIgnoreCase("latest")) {
      throw new IllegalArgumentException("'latest' alias name (case insensitive) is reserved.");
    }
    if (VERSION_ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException("Version alias name '" + alias + "' is reserved.");
    }
    return alias;
  }

  /** An artifact path relative to the run's artifact root ("" for the root itself), normalized. */
  static String artifactPath(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    String p = path.replace('\\', '/');
    String norm = normpath(p);
    if (p.startsWith("/") || norm.equals("..") || norm.startsWith("../")) {
      throw new IllegalArgumentException(
          "Invalid artifact path '" + path + "': it must be relative and stay inside the run's artifacts.");
    }
    return norm.equals(".") ? "" : norm;
  }

  /** Python's {@code posixpath.normpath}. */
  static String normpath(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean absolute = path.startsWith("/");
    int leadingSlashes = absolute ? (path.startsWith("//") && !path.startsWith("///") ? 2 : 1) : 0;
    Deque<String> parts = new ArrayDeque<>();
    for (String comp : path.split("/")) {
      if (comp.isEmpty() || comp.equals(".")) {
        continue;
      }
      if (!comp.equals("..") || (!absolute && parts.isEmpty()) || (!parts.isEmpty() && parts.peekLast().equals(".."))) {
        parts.addLast(comp);
      } else if (!parts.isEmpty()) {
        parts.removeLast();
      }
    }
    String joined = String.join("/", parts);
    String out = "/".repeat(leadingSlashes) + joined;
    return out.isEmpty() ? "." : out;
  }
}
