package io.coinlake.ingest;

import java.io.Serializable;
import java.util.Map;

/**
 * One record of a source file after parsing: the typed values (in the format's value-schema order:
 * String, Double, Long, Boolean or java.sql.Timestamp) or the reason it could not be read.
 * {@code line} is the 1-based physical line of the record (for a JSON array: the line the element
 * starts on); {@code raw} is its text, for the quarantine. {@code extras} holds columns the format
 * does not know (a new optional column), to be taken in by schema evolution; it may be empty.
 */
public record ParsedRecord(long line, String raw, Object[] values, Map<String, String> extras, String error)
    implements Serializable {

  public ParsedRecord {
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  public static ParsedRecord ok(long line, String raw, Object... values) {
    return new ParsedRecord(line, raw, values, Map.of(), null);
  }

  public static ParsedRecord okWithExtras(long line, String raw, Map<String, String> extras, Object... values) {
    return new ParsedRecord(line, raw, values, extras, null);
  }

  public static ParsedRecord failed(long line, String raw, String error) {
    return new ParsedRecord(line, raw, null, Map.of(), error);
  }

  public boolean isOk() {
    return error == null;
  }
}
