package io.coinlake.ingest;

import java.util.ArrayList;
import java.util.List;

/** Splits one RFC 4180 CSV line: commas, double-quoted fields, "" as an escaped quote. */
public final class CsvLine {
  private CsvLine() {}

  /** Returns the fields, or throws IllegalArgumentException when a quote is left open. */
  public static List<String> split(String line) {
    if (line.indexOf('"') < 0) {
      return splitUnquoted(line);
    }
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    fields.add(field.toString());
    return fields;
  }

  /** The common case, a line without quotes: the text between commas, as is. */
  private static List<String> splitUnquoted(String line) {
    List<String> fields = new ArrayList<>(8);
    int start = 0;
    for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
      fields.add(line.substring(start, comma));
      start = comma + 1;
    }
    fields.add(line.substring(start));
    return fields;
  }
}
