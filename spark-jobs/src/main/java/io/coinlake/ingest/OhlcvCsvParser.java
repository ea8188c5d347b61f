package io.coinlake.ingest;

import io.coinlake.config.CsvLayout;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of one OHLCV CSV file into {@link ParsedLine}s using a {@link CsvLayout}. Pure:
 * no Spark, no I/O. Every non-blank data line yields exactly one ParsedLine, so rows read =
 * parsed + failed; a file-level problem (a mapped column missing from the header, a file name the
 * layout cannot take the symbol from) throws {@link UnreadableFileException}. Timestamps are floored to the candle interval (a daily candle stamped
 * 23:59:59 is keyed by its UTC day).
 */
public final class OhlcvCsvParser implements Serializable {
  private final CsvLayout layout;
  private final long intervalSeconds;

  public OhlcvCsvParser(CsvLayout layout, String interval) {
    this.layout = layout;
    this.intervalSeconds = Intervals.seconds(interval);
  }

  public List<ParsedLine> parse(String fileName, List<String> lines) {
    List<ParsedLine> out = new ArrayList<>();
    int headerIndex = firstNonBlank(lines, layout.skipLines());
    if (headerIndex < 0) {
      return out;
    }
    String fileSymbol = null;
    String fileProblem = null;
    if (layout.symbolFromFileName()) {
      Matcher m = Pattern.compile(layout.symbolFilePattern()).matcher(baseName(fileName));
      if (m.find()) {
        fileSymbol = m.group(1).toUpperCase(Locale.ROOT);
      } else {
        fileProblem = "file name does not match symbolFilePattern " + layout.symbolFilePattern();
      }
    }
    Map<String, Integer> header = new HashMap<>();
    List<String> headerFields = CsvLine.split(stripBom(lines.get(headerIndex)));
    for (int i = 0; i < headerFields.size(); i++) {
      header.put(headerFields.get(i).trim(), i);
    }
    if (fileProblem == null) {
      fileProblem = missingColumns(header, headerFields);
    }
    if (fileProblem != null) {
      throw new UnreadableFileException(fileProblem);
    }
    DateTimeFormatter formatter = Timestamps.formatter(layout.timestampFormat());
    ColumnIndex columns = new ColumnIndex(header);
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      String raw = lines.get(i);
      if (raw.isBlank()) {
        continue;
      }
      long lineNo = i + 1L;
      out.add(parseLine(fileName, lineNo, raw, columns, headerFields.size(), fileSymbol, formatter));
    }
    return out;
  }

  /** Where each mapped column is in the header (-1: not mapped), looked up once per file. */
  private final class ColumnIndex {
    final int symbol;
    final int timestamp;
    final int[] values = new int[VALUE_FIELDS.size()];

    ColumnIndex(Map<String, Integer> header) {
      symbol = layout.symbolFromFileName() ? -1 : header.get(layout.symbolColumn());
      timestamp = header.get(layout.timestampColumn());
      for (int v = 0; v < values.length; v++) {
        String column = layout.columns().get(VALUE_FIELDS.get(v));
        values[v] = column == null ? -1 : header.get(column);
      }
    }
  }

  /** The value fields of a candle, in the order of {@link ParsedLine}'s numbers. */
  private static final List<String> VALUE_FIELDS = List.of("open", "high", "low", "close", "volume", "market_cap");

  private ParsedLine parseLine(String file, long lineNo, String raw, ColumnIndex columns,
      int width, String fileSymbol, DateTimeFormatter formatter) {
    List<String> fields;
    try {
      fields = CsvLine.split(raw);
    } catch (IllegalArgumentException e) {
      return ParsedLine.failed(file, lineNo, raw, "malformed CSV: " + e.getMessage());
    }
    if (fields.size() != width) {
      return ParsedLine.failed(file, lineNo, raw, "expected " + width + " fields as in the header, got " + fields.size());
    }
    try {
      String symbol = fileSymbol != null ? fileSymbol : text(fields, columns.symbol);
      long ts = Timestamps.parseEpochSeconds(text(fields, columns.timestamp), layout.timestampFormat(), formatter);
      ts = Math.floorDiv(ts, intervalSeconds) * intervalSeconds;
      Double[] v = new Double[VALUE_FIELDS.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = number(fields, columns.values[k], VALUE_FIELDS.get(k));
      }
      return new ParsedLine(file, lineNo, raw, symbol == null ? null : symbol.toUpperCase(Locale.ROOT), ts,
          v[0], v[1], v[2], v[3], v[4], v[5], null);
    } catch (FieldException e) {
      return ParsedLine.failed(file, lineNo, raw, e.getMessage());
    }
  }

  private String missingColumns(Map<String, Integer> header, List<String> headerFields) {
    List<String> needed = new ArrayList<>(layout.columns().values());
    needed.add(layout.timestampColumn());
    if (!layout.symbolFromFileName()) {
      needed.add(layout.symbolColumn());
    }
    List<String> missing = needed.stream().filter(c -> !header.containsKey(c)).sorted().toList();
    return missing.isEmpty() ? null : "header lacks column(s) " + missing + "; found " + headerFields + " (check the layout's skipLines and column names)";
  }

  private static String text(List<String> fields, int index) {
    String value = fields.get(index).trim();
    return value.isEmpty() ? null : value;
  }

  private Double number(List<String> fields, int index, String field) {
    if (index < 0) {
      return null;
    }
    String column = layout.columns().get(field);
    String value = text(fields, index);
    if (value == null || value.equals("-") || value.equalsIgnoreCase("null") || value.equalsIgnoreCase("nan")) {
      return null;
    }
    if (layout.thousandsSeparator()) {
      value = value.replace(",", "");
    }
    try {
      double d = Double.parseDouble(value);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      return d;
    } catch (NumberFormatException e) {
      throw new FieldException("field " + field + " (column '" + column + "') is not a number: '" + value + "'");
    }
  }

  private static int firstNonBlank(List<String> lines, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        return i;
      }
    }
    return -1;
  }

  private static String stripBom(String line) {
    return line.startsWith("\uFEFF") ? line.substring(1) : line;
  }

  static String baseName(String file) {
    int slash = file.lastIndexOf('/');
    return slash < 0 ? file : file.substring(slash + 1);
  }

  /** A single field could not be read; the message names it. */
  static final class FieldException extends RuntimeException {
    FieldException(String message) {
      super(message);
    }
  }

  /** Timestamp parsing for the formats a layout may name. */
  static final class Timestamps {
    private Timestamps() {}

    static DateTimeFormatter formatter(String format) {
      if (format.startsWith("epoch_")) {
        return null;
      }
      return DateTimeFormatter.ofPattern(format, Locale.ENGLISH);
    }

    static long parseEpochSeconds(String value, String format, DateTimeFormatter formatter) {
      if (value == null) {
        throw new FieldException("timestamp is empty");
      }
      try {
        long fast = IsoDates.epochSeconds(value, format);
        if (fast != IsoDates.NOT_FAST) {
          return fast;
        }
        switch (format) {
          case "epoch_seconds":
            return (long) Double.parseDouble(value);
          case "epoch_millis":
            return Math.floorDiv((long) Double.parseDouble(value), 1000L);
          default:
            TemporalAccessor parsed = formatter.parseBest(value, LocalDateTime::from, LocalDate::from);
            LocalDateTime dt = parsed instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) parsed;
            return dt.toEpochSecond(ZoneOffset.UTC);
        }
      } catch (DateTimeParseException | NumberFormatException e) {
        throw new FieldException("timestamp '" + value + "' does not match format '" + format + "'");
      }
    }
  }
}
