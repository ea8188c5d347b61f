package io.coinlake.orchestrate;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.*;

import io.coinlake.ingest.FileIngestCount;
import io.coinlake.ingest.IngestResult;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.RecordKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Nothing is lost: for every file the batch ingested, rows read = rows in silver + rows in
 * quarantine (+ rows still waiting in bronze because they lie outside the logical window).
 */
public final class FileReconciliation {
  /** One file's ledger. */
  public record Line(String file, long read, long accepted, long quarantined, long pending) {
    public boolean balanced() {
      return read == accepted + quarantined + pending && pending >= 0;
    }
  }

  private FileReconciliation() {}

  /** The ledger of every file this batch ingested (skipped and unreadable files read no rows). */
  public static List<Line> of(SparkSession spark, Lake lake, IngestResult ingest) {
    List<Line> out = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      List<FileIngestCount> files = ingest.files(kind).stream().filter(f -> f.status().equals(STATUS_INGESTED)).toList();
      if (files.isEmpty()) {
        continue;
      }
      Map<String, Long> silver = countByFile(spark, lake, kind.silver());
      Map<String, Long> quarantine = countByFile(spark, lake, kind.quarantine());
      Map<String, Long> bronze = countByFile(spark, lake, kind.bronze());
      for (FileIngestCount f : files) {
        long accepted = silver.getOrDefault(f.sourceFile(), 0L);
        long quarantined = quarantine.getOrDefault(f.sourceFile(), 0L);
        long validated = accepted + quarantined - f.rowsQuarantined();
        long pending = bronze.getOrDefault(f.sourceFile(), 0L) - validated;
        out.add(new Line(f.sourceFile(), f.rowsRead(), accepted, quarantined, pending));
      }
    }
    return out;
  }

  private static Map<String, Long> countByFile(SparkSession spark, Lake lake, LakeTable table) {
    Map<String, Long> out = new HashMap<>();
    if (!lake.exists(spark, table)) {
      return out;
    }
    for (Row r : lake.read(spark, table).groupBy(col(SOURCE_FILE)).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }
}
