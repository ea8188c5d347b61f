package io.coinlake.tracking;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Quotes a string exactly when PyYAML's {@code SafeLoader} would otherwise read it back as
 * something else (bool, int, float, null, timestamp, merge or value key, all YAML 1.1), so that
 * MLflow reads our {@code meta.yaml} strings as strings: {@code experiment_id: "0"} stays a string,
 * a run named {@code 2024-01-01} or {@code on} does not turn into a date or a boolean.
 */
final class PyYamlQuoting extends StringQuotingChecker.Default {
  private static final long serialVersionUID = 1L;

  // The implicit resolvers of PyYAML's resolver.py (Resolver.add_implicit_resolver calls).
  private static final Pattern BOOL =
      Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
              + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
              + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
              + "|[-+]?\\.(?:inf|Inf|INF)"
              + "|\\.(?:nan|NaN|NAN)");
  private static final Pattern INT =
      Pattern.compile(
          "[-+]?0b[0-1_]+"
              + "|[-+]?0[0-7_]+"
              + "|[-+]?(?:0|[1-9][0-9_]*)"
              + "|[-+]?0x[0-9a-fA-F_]+"
              + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
              + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
              + "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9]"
              + "(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?");

  @Override
  public boolean needToQuoteValue(String value) {
    return resolvesToNonString(value)
        || value.isEmpty()
        || Character.isWhitespace(value.charAt(0))
        || Character.isWhitespace(value.charAt(value.length() - 1))
        || super.needToQuoteValue(value);
  }

  /** True if PyYAML would resolve this plain scalar to a tag other than {@code str}. */
  static boolean resolvesToNonString(String value) {
    return BOOL.matcher(value).matches()
        || FLOAT.matcher(value).matches()
        || INT.matcher(value).matches()
        || NULL.matcher(value).matches()
        || TIMESTAMP.matcher(value).matches()
        || value.equals("<<")
        || value.equals("=");
  }
}
