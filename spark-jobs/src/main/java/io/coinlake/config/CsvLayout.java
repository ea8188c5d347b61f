package io.coinlake.config;

import java.util.Map;
import java.util.Set;

/**
 * How one CSV layout maps onto OHLCV: the source column for each field, the timestamp format,
 * where the symbol comes from, and how many banner lines precede the header.
 *
 * <p>{@code timestampFormat} is a java.time pattern (e.g. {@code yyyy-MM-dd HH:mm:ss}, {@code
 * d-MMM-yy}) read as UTC, or {@code epoch_seconds} / {@code epoch_millis}. The symbol is either
 * {@code symbolColumn}, or the first group of {@code symbolFilePattern} matched against the file
 * name. {@code thousandsSeparator} strips "," inside numbers such as "46,048,752".
 */
public record CsvLayout(
    int skipLines,
    String timestampColumn,
    String timestampFormat,
    String symbolColumn,
    String symbolFilePattern,
    Map<String, String> columns,
    boolean thousandsSeparator) implements java.io.Serializable {

  /** The OHLCV fields a layout must map; volume may be absent (then null). */
  public static final Set<String> REQUIRED_FIELDS = Set.of("open", "high", "low", "close");
  public static final Set<String> KNOWN_FIELDS = Set.of("open", "high", "low", "close", "volume", "market_cap");

  public CsvLayout {
    if (skipLines < 0) {
      throw new IllegalArgumentException("'skipLines' must be >= 0, got " + skipLines);
    }
    Checks.notBlank(timestampColumn, "timestampColumn");
    Checks.notBlank(timestampFormat, "timestampFormat");
    boolean fromColumn = symbolColumn != null && !symbolColumn.isBlank();
    boolean fromFile = symbolFilePattern != null && !symbolFilePattern.isBlank();
    if (fromColumn == fromFile) {
      throw new IllegalArgumentException("set exactly one of 'symbolColumn' or 'symbolFilePattern'");
    }
    if (fromFile) {
      try {
        if (java.util.regex.Pattern.compile(symbolFilePattern).matcher("").groupCount() < 1) {
          throw new IllegalArgumentException("'symbolFilePattern' needs a capturing group for the symbol");
        }
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("'symbolFilePattern' is not a valid regex: " + e.getDescription());
      }
    }
    Checks.present(columns, "columns");
    for (String field : columns.keySet()) {
      if (!KNOWN_FIELDS.contains(field)) {
        throw new IllegalArgumentException("'columns." + field + "' is not an OHLCV field; use one of " + KNOWN_FIELDS);
      }
    }
    for (String field : REQUIRED_FIELDS) {
      if (!columns.containsKey(field)) {
        throw new IllegalArgumentException("'columns." + field + "' is required");
      }
    }
    columns = Map.copyOf(columns);
  }

  public boolean symbolFromFileName() {
    return symbolFilePattern != null && !symbolFilePattern.isBlank();
  }
}
