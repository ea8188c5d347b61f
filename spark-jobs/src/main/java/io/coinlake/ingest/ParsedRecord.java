package io.coinlake.ingest;

import java.io.Serializable;
import java.util.Map;

/**
 * One record of a source file after parsing: the typed values (in the format's value-schema order:
 * String, Double, Long, Boolean or java.sql.Timestamp) or the reason it could not be read.
 * {@code line} is the 1-based physical line of the record (for a JSON array: the line the element
 * starts on); {@code raw} is its text, for the quarantine. {@code extras} holds columns the format
 * does not know (a new optional column), to be taken in by schema evolution; it may be empty.
 * A record that is not taken has an {@code error} and the {@code check} it failed, which becomes
 * the quarantine's check: {@value #UNREADABLE} when it cannot be parsed, or a format's own rule.
 */
public record ParsedRecord(long line, String raw, Object[] values, Map<String, String> extras, String error, String check)
    implements Serializable {
  /** The check of a record that could not be parsed. */
  public static final String UNREADABLE = "unreadable";

  public ParsedRecord {
    extras = extras == null ? Map.of() : Map.copyOf(extras);
  }

  public static ParsedRecord ok(long line, String raw, Object... values) {
    return new ParsedRecord(line, raw, values, Map.of(), null, null);
  }

  public static ParsedRecord okWithExtras(long line, String raw, Map<String, String> extras, Object... values) {
    return new ParsedRecord(line, raw, values, extras, null, null);
  }

  public static ParsedRecord failed(long line, String raw, String error) {
    return rejected(line, raw, UNREADABLE, error);
  }

  /** A record that parsed but that the format will not take, for the named check and reason. */
  public static ParsedRecord rejected(long line, String raw, String check, String reason) {
    return new ParsedRecord(line, raw, null, Map.of(), reason, check);
  }

  public boolean isOk() {
    return error == null;
  }
}
