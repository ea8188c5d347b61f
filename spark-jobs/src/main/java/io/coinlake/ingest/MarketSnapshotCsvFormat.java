package io.coinlake.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * CoinGecko-style market snapshot CSV: {@code coin,symbol,price,1h,24h,7d,24h_volume|volume,mkt_cap,date}.
 * {@code symbol}, {@code price} and {@code date} are required (a header without them makes the
 * file unreadable); the others may be absent or empty. Percent columns are fractions or percents
 * as the source's {@code percentUnit} says; they are stored as fractions. Columns this format does
 * not know are kept as extras, so a new optional column reaches bronze by schema evolution.
 */
public final class MarketSnapshotCsvFormat implements SourceFormat {
  /** The unit of the 1h/24h/7d columns. */
  public enum PercentUnit { FRACTION, PERCENT }

  static final List<String> REQUIRED = List.of("symbol", "price", "date");
  private static final Map<String, List<String>> ALIASES = Map.of(
      "coin", List.of("coin", "name"),
      "symbol", List.of("symbol"),
      "price", List.of("price"),
      "1h", List.of("1h"),
      "24h", List.of("24h"),
      "7d", List.of("7d"),
      "volume", List.of("24h_volume", "volume"),
      "mkt_cap", List.of("mkt_cap", "market_cap"),
      "date", List.of("date"));

  private final double percentScale;

  public MarketSnapshotCsvFormat(PercentUnit unit) {
    this.percentScale = unit == PercentUnit.PERCENT ? 0.01 : 1.0;
  }

  @Override
  public StructType valueSchema() {
    return ValueSchemas.MARKET_SNAPSHOT;
  }

  @Override
  public List<ParsedRecord> parse(String file, String text) {
    List<String> lines = text.lines().toList();
    int headerAt = 0;
    while (headerAt < lines.size() && lines.get(headerAt).isBlank()) {
      headerAt++;
    }
    List<String> header;
    try {
      header = CsvLine.split(lines.get(headerAt)).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    } catch (IllegalArgumentException e) {
      throw new UnreadableFileException("the header line is not valid CSV (" + e.getMessage() + ")");
    }
    Map<String, Integer> at = locate(header);
    List<String> missing = REQUIRED.stream().filter(c -> !at.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new UnreadableFileException("header lacks required column(s) " + missing + "; found " + header
          + " (expected coin,symbol,price,1h,24h,7d,24h_volume,mkt_cap,date)");
    }
    List<ParsedRecord> out = new ArrayList<>();
    for (int i = headerAt + 1; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (!raw.isBlank()) {
        out.add(parseLine(i + 1L, raw, header, at));
      }
    }
    return out;
  }

  private static Map<String, Integer> locate(List<String> header) {
    Map<String, Integer> at = new LinkedHashMap<>();
    ALIASES.forEach((field, names) -> names.stream().filter(header::contains).findFirst()
        .ifPresent(name -> at.put(field, header.indexOf(name))));
    return at;
  }

  private ParsedRecord parseLine(long lineNo, String raw, List<String> header, Map<String, Integer> at) {
    List<String> fields;
    try {
      fields = CsvLine.split(raw);
    } catch (IllegalArgumentException e) {
      return ParsedRecord.failed(lineNo, raw, "malformed CSV: " + e.getMessage());
    }
    if (fields.size() != header.size()) {
      return ParsedRecord.failed(lineNo, raw, "expected " + header.size() + " fields as in the header, got " + fields.size());
    }
    try {
      String symbol = text(fields, at, "symbol");
      if (symbol == null) {
        throw new FieldException("field symbol is empty");
      }
      Double price = number(fields, at, "price", 1.0);
      Timestamp ts = timestamp(text(fields, at, "date"));
      Map<String, String> extras = new LinkedHashMap<>();
      for (int c = 0; c < header.size(); c++) {
        if (!at.containsValue(c) && !header.get(c).isEmpty() && !fields.get(c).isBlank()) {
          extras.put(header.get(c), fields.get(c).trim());
        }
      }
      return ParsedRecord.okWithExtras(lineNo, raw, extras, symbol.toUpperCase(Locale.ROOT), ts, text(fields, at, "coin"), null,
          price, number(fields, at, "1h", percentScale), number(fields, at, "24h", percentScale),
          number(fields, at, "7d", percentScale), number(fields, at, "volume", 1.0), number(fields, at, "mkt_cap", 1.0));
    } catch (FieldException e) {
      return ParsedRecord.failed(lineNo, raw, e.getMessage());
    }
  }

  private static String text(List<String> fields, Map<String, Integer> at, String field) {
    Integer i = at.get(field);
    if (i == null) {
      return null;
    }
    String value = fields.get(i).trim();
    return value.isEmpty() ? null : value;
  }

  private static Double number(List<String> fields, Map<String, Integer> at, String field, double scale) {
    String value = text(fields, at, field);
    if (value == null || value.equalsIgnoreCase("nan") || value.equalsIgnoreCase("null")) {
      return null;
    }
    try {
      double d = Double.parseDouble(value);
      if (Double.isInfinite(d) || Double.isNaN(d)) {
        return null;
      }
      return d * scale;
    } catch (NumberFormatException e) {
      throw new FieldException("field " + field + " is not a number: '" + value + "'");
    }
  }

  /** A date (midnight UTC), a local date-time read as UTC, or an ISO instant. */
  static Timestamp timestamp(String value) {
    if (value == null) {
      throw new FieldException("field date is empty");
    }
    try {
      if (value.length() == 10) {
        return Timestamp.from(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return Timestamp.from(Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value)));
      }
      return Timestamp.from(LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new FieldException("field date '" + value + "' is not yyyy-MM-dd, yyyy-MM-dd HH:mm:ss or an ISO instant");
    }
  }

  /** One field could not be read; the message names it. */
  static final class FieldException extends RuntimeException {
    FieldException(String message) {
      super(message);
    }
  }
}
