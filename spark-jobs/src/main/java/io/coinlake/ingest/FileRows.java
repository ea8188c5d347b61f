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
 * One parsed file as rows of {@link SourceFileReader#schema}: first its summary row (record 0,
 * carrying the {@link FileSummary}), then one row per record, numbered from 1. Pure: no Spark
 * session, no I/O; it runs inside the reader's tasks.
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
   * The summary and rows of one file. {@code known} files (content ingested before) and unreadable
   * ones give only their summary row. {@code keyIndex} may be null: then nothing is compared and
   * the summary's first keys are null.
   */
  static List<Row> of(SourceFile file, boolean known, int width, int[] keyIndex) {
    List<Row> out = new ArrayList<>();
    if (!file.readable() || known) {
      out.add(summaryRow(file.path(), width, FileSummary.unreadable(file.path(), file.bytes(), file.sha256(), file.error()), known));
      return out;
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
    FileSummary summary = new FileSummary(file.path(), file.bytes(), file.sha256(), null, false, records.size(), failed,
        duplicates, firstKeys, extraKeys);
    out.add(summaryRow(file.path(), width, summary, false));
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

  private static Row summaryRow(String path, int width, FileSummary s, boolean known) {
    Object[] values = new Object[width + SourceFileReader.LINEAGE_WIDTH];
    values[width] = path;
    values[width + 1] = 0L;
    values[width + 2] = 0L;
    values[width + 7] = false;
    values[width + 8] = RowFactory.create(s.bytes(), s.sha256(), s.error(), known, s.records(),
        JavaConverters.mapAsScalaMap(s.failedByCheck()), s.duplicatesInFile(),
        s.firstKeys() == null ? null : seq(s.firstKeys()), seq(s.extraKeys()));
    return RowFactory.create(values);
  }

  /** The summary a summary row carries (see {@link SourceFileReader#SUMMARY}). */
  static FileSummary summary(String path, Row s) {
    Map<String, Long> failed = new HashMap<>();
    s.<String, Long>getJavaMap(5).forEach(failed::put);
    return new FileSummary(path, s.getLong(0), s.getString(1), s.getString(2), s.getBoolean(3), s.getLong(4), failed,
        s.getLong(6), s.isNullAt(7) ? null : new LinkedHashSet<>(s.<String>getList(7)), new LinkedHashSet<>(s.<String>getList(8)));
  }

  private static scala.collection.Seq<String> seq(Set<String> values) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(values)).toList();
  }
}
