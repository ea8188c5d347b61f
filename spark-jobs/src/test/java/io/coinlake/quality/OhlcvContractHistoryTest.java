package io.coinlake.quality;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coinlake.lake.Lake;
import io.coinlake.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped OHLCV contract run the way the validate job will run it: annotate, Deequ specs of
 * every check, and the contract's anomalies with a history. Every metric of the contract (including
 * uniqueness and the compliance of the sequence checks' pass flags) is stored per run date.
 */
class OhlcvContractHistoryTest {
  private static final Contract CONTRACT = ContractLoader.load("conf/contracts/ohlcv.yaml", "ohlcv");
  private static final StructType SCHEMA = new StructType()
      .add(SYMBOL, "string").add(INTERVAL, "string").add(TS, "timestamp")
      .add(OPEN, "double").add(HIGH, "double").add(LOW, "double").add(CLOSE, "double").add(VOLUME, "double")
      .add(SOURCE_FILE, "string").add(SOURCE_LINE, "long");

  @TempDir Path lakeDir;

  @Test
  void aDoubledBatchIsInsideTheBoundButOneMissingCloseInTwentyFourIsNot() {
    Lake lake = new Lake(lakeDir.toString());
    List<ConstraintSpec> specs = new ArrayList<>();
    CONTRACT.checks().forEach(c -> specs.addAll(DeequSpecs.of(c, List.of())));

    // 4 symbols x 3 days, then the same 4 symbols x 6 days with one close and one volume missing
    DeequVerifier.verify(annotated(3, false), specs, history(lake, LocalDate.of(2021, 1, 3)));
    VerificationOutcome day2 = DeequVerifier.verify(annotated(6, true), specs,
        history(lake, LocalDate.of(2021, 1, 6)));

    assertEquals(List.of(
            new AnomalyOutcome("row_count_change", "size", 24.0, 12.0, "2021-01-03", 6.0, 24.0,
                AnomalyOutcome.PASSED,
                "size = 24.0 vs 12.0 on 2021-01-03: ratio 2.0 allowed [0.5, 2.0]"),
            new AnomalyOutcome("close_completeness_drop", "completeness(close)", 23.0 / 24, 1.0,
                "2021-01-03", 1.0 - 0.02, null, AnomalyOutcome.WARNING,
                "completeness(close) = " + 23.0 / 24 + " vs 1.0 on 2021-01-03: change "
                    + (23.0 / 24 - 1.0) + " allowed >= -0.02 -> anomaly"),
            new AnomalyOutcome("volume_completeness_drop", "completeness(volume)", 23.0 / 24, 1.0,
                "2021-01-03", 1.0 - 0.05, null, AnomalyOutcome.PASSED,
                "completeness(volume) = " + 23.0 / 24 + " vs 1.0 on 2021-01-03: change "
                    + (23.0 / 24 - 1.0) + " allowed >= -0.05")),
        day2.anomalies());
    assertEquals(specs.size(), day2.constraints().size());

    List<StoredMetrics> stored = DeequMetricsRepository.load(SparkTestSession.get(),
        MetricsHistory.repositoryPath(lake, "ohlcv"));
    assertEquals(2, stored.size());
    assertEquals(Set.of("Size(*)", "Completeness(symbol)", "Completeness(ts)", "Completeness(open)",
            "Completeness(high)", "Completeness(low)", "Completeness(close)", "Completeness(volume)",
            "Compliance(prices_positive)", "Compliance(high_low_bound_open_close)",
            "Compliance(volume_non_negative)", "Compliance(not_copied_from_other_symbol)",
            "Compliance(no_price_glitch)", "Compliance(volume_positive)",
            "Compliance(price_not_stale)", "Uniqueness(symbol,ts)"),
        new TreeSet<>(stored.get(1).metrics().keySet()));
    assertEquals(24.0, stored.get(1).metrics().get("Size(*)"));
    assertEquals(1.0, stored.get(1).metrics().get("Uniqueness(symbol,ts)"));
    assertEquals(23.0 / 24, stored.get(1).metrics().get("Compliance(volume_positive)"));
  }

  private static MetricsHistory history(Lake lake, LocalDate runDate) {
    return MetricsHistory.forWindow(lake, CONTRACT, io.coinlake.config.LogicalWindow.asOf(runDate)).orElseThrow();
  }

  private static Dataset<Row> annotated(int days, boolean withGaps) {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      for (int d = 0; d < days; d++) {
        double open = 10.0 * (k + 1) + 0.1 * d;
        Double close = withGaps && k == 1 && d == 4 ? null : open + 0.05;
        Double volume = withGaps && k == 2 && d == 5 ? null : 100.0 + d;
        rows.add(RowFactory.create("S" + k, "1d",
            Timestamp.from(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(86400L * d)),
            open, open + 1, open - 1, close, volume, "f.csv", (long) rows.size() + 2));
      }
    }
    return ContractEvaluator.annotate(SparkTestSession.get().createDataFrame(rows, SCHEMA), CONTRACT);
  }
}
