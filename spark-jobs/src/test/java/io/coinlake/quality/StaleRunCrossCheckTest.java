package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stale check against a plain loop on random series: closes drawn from a few values so runs of
 * every length occur (also at a series' start and end), and rows with a negative volume that fail a
 * row-level error check and so are not part of the sequence. Each repeat in a run of at least
 * minRun rows fails, with the run's exact size in its reason; nothing else does.
 */
class StaleRunCrossCheckTest {
  private static final int MIN_RUN = 3;
  private static final StructType SCHEMA = new StructType()
      .add(SYMBOL, "string").add(INTERVAL, "string").add(TS, "timestamp")
      .add(OPEN, "double").add(HIGH, "double").add(LOW, "double").add(CLOSE, "double").add(VOLUME, "double")
      .add(SOURCE_FILE, "string").add(SOURCE_LINE, "long");

  @TempDir
  Path dir;

  private Contract contract() throws IOException {
    Path file = dir.resolve("stale.yaml");
    Files.writeString(file, """
        checks:
          - name: volume_non_negative
            kind: predicate
            predicate: "volume >= 0"
            level: error
            threshold: 0.0
          - name: price_not_stale
            kind: stale
            minRun: %d
            level: error
            threshold: 0.0
        """.formatted(MIN_RUN));
    return ContractLoader.load(file.toString(), "stale");
  }

  @Test
  void everyRepeatOfALongRunFailsWithTheRunsSize() throws IOException {
    Random random = new Random(17);
    List<Row> rows = new ArrayList<>();
    Map<String, String> expected = new HashMap<>();
    for (int s = 0; s < 12; s++) {
      String symbol = "S" + s;
      int days = 1 + random.nextInt(200);
      List<Integer> sequence = new ArrayList<>(); // indexes into rows of the rows in the sequence
      List<Double> closes = new ArrayList<>();
      for (int d = 0; d < days; d++) {
        // runs: keep the close with probability 0.7
        double close = closes.isEmpty() || random.nextDouble() > 0.7 ? 1 + random.nextInt(3) : closes.get(closes.size() - 1);
        boolean inSequence = random.nextDouble() > 0.1;
        String key = symbol + "@" + d;
        expected.put(key, inSequence ? "" : "volume_non_negative: fails volume >= 0");
        if (inSequence) {
          sequence.add(d);
          closes.add(close);
        }
        rows.add(RowFactory.create(symbol, "1d", Timestamp.from(Instant.parse("2020-01-01T00:00:00Z").plusSeconds(86400L * d)),
            close, close, close, close, inSequence ? 1.0 : -1.0, "f.csv", (long) rows.size() + 2));
      }
      // the plain loop: runs of equal closes among the rows in the sequence
      int start = 0;
      for (int i = 1; i <= closes.size(); i++) {
        if (i == closes.size() || !closes.get(i).equals(closes.get(start))) {
          int size = i - start;
          if (size >= MIN_RUN) {
            for (int j = start + 1; j < i; j++) {
              expected.put(symbol + "@" + sequence.get(j), "price_not_stale: close unchanged for " + size + " rows in a row");
            }
          }
          start = i;
        }
      }
    }
    SparkSession spark = SparkTestSession.get();
    Map<String, String> actual = new HashMap<>();
    for (Row r : ContractEvaluator.annotate(spark.createDataFrame(rows, SCHEMA).repartition(3), contract()).collectAsList()) {
      long day = (r.<Timestamp>getAs(TS).toInstant().getEpochSecond() - Instant.parse("2020-01-01T00:00:00Z").getEpochSecond()) / 86400;
      String reasons = r.getAs(ContractEvaluator.REASONS);
      actual.put(r.getAs(SYMBOL) + "@" + day, reasons == null ? "" : reasons);
    }
    assertEquals(expected, actual);
    assertTrue(expected.values().stream().anyMatch(v -> v.contains("unchanged for " + MIN_RUN + " rows")), "a run of exactly minRun");
    assertTrue(expected.values().stream().anyMatch(v -> v.matches(".*unchanged for [1-9][0-9] rows.*")), "a long run");
  }
}
