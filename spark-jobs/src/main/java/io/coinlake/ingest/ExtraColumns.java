package io.coinlake.ingest;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns the columns a format did not know (kept in {@link SourceFileReader#EXTRAS}) into real
 * columns, so a source that adds an optional column reaches bronze through Delta schema
 * evolution. A column is a double when every non-empty value is a number, else a string. Names
 * are snake_cased; a name that clashes with a known column gets an {@code extra_} prefix.
 */
public final class ExtraColumns {
  private ExtraColumns() {}

  /**
   * Promotes the extras whose names are {@code extraKeys} (every key the rows' extras hold, as the
   * reader's file summaries list them); with none, only drops the extras column, without a pass.
   */
  public static Dataset<Row> promote(Dataset<Row> rows, Collection<String> extraKeys) {
    Column extras = col(SourceFileReader.EXTRAS);
    List<String> keys = new ArrayList<>(new java.util.TreeSet<>(extraKeys));
    if (keys.isEmpty()) {
      return rows.drop(SourceFileReader.EXTRAS);
    }
    List<Column> nonNumeric = new ArrayList<>();
    for (String key : keys) {
      nonNumeric.add(sum(when(extras.getItem(key).isNotNull().and(asDouble(key).isNull()), 1).otherwise(0)));
    }
    Row counts = rows.agg(nonNumeric.get(0), nonNumeric.subList(1, nonNumeric.size()).toArray(Column[]::new)).first();
    List<String> present = List.of(rows.columns());
    Dataset<Row> out = rows;
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String name = columnName(key);
      if (present.contains(name)) {
        name = "extra_" + name;
      }
      boolean numeric = counts.isNullAt(i) || counts.getLong(i) == 0;
      out = out.withColumn(name, numeric ? asDouble(key) : extras.getItem(key));
    }
    return out.drop(SourceFileReader.EXTRAS);
  }

  /** A header text as a column name: lower snake case, never starting with a digit. */
  static String columnName(String header) {
    String name = header.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      name = "c_" + name;
    }
    return name;
  }

  private static Column asDouble(String key) {
    return expr("try_cast(`" + SourceFileReader.EXTRAS + "`['" + key.replace("'", "\\'") + "'] AS DOUBLE)");
  }
}
