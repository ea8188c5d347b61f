package io.coinlake.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * One parsed file as the reader hands it on: its {@link FileSummary}, or its records as rows of
 * {@link SourceFileReader#schema} (numbered from 1). Pure: no Spark session, no I/O; it runs
 * inside the reader's tasks, the same way in every pass, so every pass sees the same rows.
 *
 * <p>Keys are compared here within the file: a good record whose key comes again later in the
 * same file is flagged {@link SourceFileReader#DUPLICATE_IN_FILE} (the later one is kept, as the
 * bronze writer keeps the later row of a batch). Keys compare with {@code equals} on the values,
 * nulls equal, as Spark groups them.
 */
final class FileRows {
  private FileRows() {}

  /** The positions of the key columns among the value columns, or null when a key column is not a value column. */
  static int[] keyIndex(StructType valueSchema, List<String> key) {
    int[] index = new int[key.size()];
    List<String> names = Arrays.asList(valueSchema.fieldNames());
    for (int i = 0; i < index.length; i++) {
      index[i] = names.indexOf(key.get(i));
      if (index[i] < 0) {
        return null;
      }
    }
    return index;
  }

  /**
   * What the file holds. {@code known} (content ingested before) is kept only for a readable file.
   * {@code keyIndex} may be null: then no key is compared and the first keys are null.
   */
  static FileSummary summarize(SourceFile file, boolean known, int[] keyIndex) {
    if (!file.readable() || known) {
      FileSummary s = FileSummary.unreadable(file.path(), file.bytes(), file.sha256(), file.error());
      return known && file.readable()
          ? new FileSummary(s.path(), s.bytes(), s.sha256(), null, true, 0, Map.of(), 0, Set.of(), Set.of()) : s;
    }
    List<ParsedRecord> records = file.records();
    boolean[] duplicate = duplicates(records, keyIndex);
    Map<String, Long> failed = new LinkedHashMap<>();
    Set<String> firstKeys = keyIndex == null ? null : new LinkedHashSet<>();
    Set<String> extraKeys = new LinkedHashSet<>();
    long duplicates = 0;
    for (int i = 0; i < records.size(); i++) {
      ParsedRecord r = records.get(i);
      extraKeys.addAll(r.extras().keySet());
      if (!r.isOk()) {
        failed.merge(r.check(), 1L, Long::sum);
      } else if (duplicate[i]) {
        duplicates++;
      } else if (firstKeys != null) {
        Object first = r.values()[keyIndex[0]];
        firstKeys.add(first == null ? FileSummary.NULL_KEY : first.toString());
      }
    }
    return new FileSummary(file.path(), file.bytes(), file.sha256(), null, false, records.size(), failed, duplicates,
        firstKeys, extraKeys);
  }

  /** The file's records as rows; none for an unreadable file. */
  static List<Row> rows(SourceFile file, int width, int[] keyIndex) {
    List<ParsedRecord> records = file.records();
    boolean[] duplicate = duplicates(records, keyIndex);
    List<Row> out = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      out.add(recordRow(file.path(), width, records.get(i), i + 1, duplicate[i]));
    }
    return out;
  }

  /** For each record: true when it is good and a later good record of the file has the same key. */
  static boolean[] duplicates(List<ParsedRecord> records, int[] keyIndex) {
    boolean[] duplicate = new boolean[records.size()];
    if (keyIndex == null) {
      return duplicate;
    }
    Map<List<Object>, Integer> last = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).isOk()) {
        Integer before = last.put(key(records.get(i), keyIndex), i);
        if (before != null) {
          duplicate[before] = true;
        }
      }
    }
    return duplicate;
  }

  private static List<Object> key(ParsedRecord r, int[] keyIndex) {
    Object[] key = new Object[keyIndex.length];
    for (int k = 0; k < keyIndex.length; k++) {
      key[k] = r.values()[keyIndex[k]];
    }
    return Arrays.asList(key);
  }

  private static Row recordRow(String path, int width, ParsedRecord r, long index, boolean duplicate) {
    Object[] values = new Object[width + SourceFileReader.LINEAGE_WIDTH];
    if (r.isOk()) {
      System.arraycopy(r.values(), 0, values, 0, width);
    }
    values[width] = path;
    values[width + 1] = r.line();
    values[width + 2] = index;
    values[width + 3] = r.raw();
    values[width + 4] = r.error();
    values[width + 5] = r.check();
    values[width + 6] = r.extras().isEmpty() ? null : JavaConverters.mapAsScalaMap(r.extras());
    values[width + 7] = duplicate;
    return RowFactory.create(values);
  }
}
