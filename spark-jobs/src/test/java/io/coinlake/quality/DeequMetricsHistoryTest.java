package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.lake.Lake;
import io.coinlake.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics kept per run date in a Deequ repository file, and anomaly checks against that history. */
class DeequMetricsHistoryTest {
  private static final LocalDate DAY1 = LocalDate.of(2024, 1, 1);
  private static final LocalDate DAY2 = LocalDate.of(2024, 1, 2);
  private static final LocalDate DAY3 = LocalDate.of(2024, 1, 3);
  private static final double CLOSE_DROP_FLOOR = 1.0 - 0.02;

  private static final StructType SCHEMA = new StructType()
      .add("symbol", DataTypes.StringType, false)
      .add("ts", DataTypes.TimestampType, false)
      .add("close", DataTypes.DoubleType, true)
      .add("volume", DataTypes.DoubleType, true);

  private static final List<AnomalyCheck> ANOMALIES = List.of(
      AnomalyCheck.sizeChange("row_count_change", 0.5, 2.0),
      AnomalyCheck.completenessDrop("close_completeness_drop", "close", 0.02),
      AnomalyCheck.completenessDrop("volume_completeness_drop", "volume", 0.05));

  private static final List<ConstraintSpec> SPECS = List.of(
      ConstraintSpec.completeness("close_mostly_present", "close", 0.5, Level.ERROR),
      ConstraintSpec.satisfies("close_positive", "close > 0", 0.5, Level.WARNING));

  @TempDir Path lakeDir;

  @Test
  void threeRunDatesThenARerunOfDayTwo() throws IOException {
    // day 1: nothing earlier -> no_history, the values become the first point
    VerificationOutcome day1 = DeequVerifier.verify(batch(DAY1, 10, 0), SPECS, history("ohlcv", DAY1));
    assertAnomaly(day1.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.NO_HISTORY,
        10.0, null, null, null, null);
    assertAnomaly(day1.anomalies().get(1), "close_completeness_drop", "completeness(close)",
        AnomalyOutcome.NO_HISTORY, 1.0, null, null, null, null);

    // day 2: 11 rows (x1.1), closes complete -> passed
    VerificationOutcome day2 = DeequVerifier.verify(batch(DAY2, 11, 0), SPECS, history("ohlcv", DAY2));
    assertAnomaly(day2.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.PASSED,
        11.0, 10.0, "2024-01-01", 5.0, 20.0);
    assertAnomaly(day2.anomalies().get(1), "close_completeness_drop", "completeness(close)",
        AnomalyOutcome.PASSED, 1.0, 1.0, "2024-01-01", CLOSE_DROP_FLOOR, null);

    // day 3: 33 rows (x3 > 2.0) and 6 of 33 closes null (drop 0.18 > 0.02) -> two warnings
    VerificationOutcome day3 = DeequVerifier.verify(batch(DAY3, 33, 6), SPECS, history("ohlcv", DAY3));
    assertAnomaly(day3.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.WARNING,
        33.0, 11.0, "2024-01-02", 5.5, 22.0);
    assertEquals("size = 33.0 vs 11.0 on 2024-01-02: ratio 3.0 allowed [0.5, 2.0] -> anomaly",
        day3.anomalies().get(0).message());
    assertAnomaly(day3.anomalies().get(1), "close_completeness_drop", "completeness(close)",
        AnomalyOutcome.WARNING, 27.0 / 33, 1.0, "2024-01-02", CLOSE_DROP_FLOOR, null);
    assertAnomaly(day3.anomalies().get(2), "volume_completeness_drop", "completeness(volume)",
        AnomalyOutcome.PASSED, 1.0, 1.0, "2024-01-02", 1.0 - 0.05, null);
    // the constraints of the same run are measured as before
    assertEquals(List.of(
            new ConstraintOutcome("close_mostly_present", Level.ERROR, true, 27.0 / 33, 0.5,
                "completeness(close) = " + 27.0 / 33 + " >= 0.5"),
            new ConstraintOutcome("close_positive", Level.WARNING, true, 27.0 / 33, 0.5,
                "share of rows with close > 0 = " + 27.0 / 33 + " >= 0.5")),
        day3.constraints());

    // the repository: one file at the expected path, one entry per date, every metric of the run
    String repository = MetricsHistory.repositoryPath(new Lake(lakeDir.toString()), "ohlcv");
    assertEquals(lakeDir.resolve("_quality/metrics/ohlcv.json").toString(), repository);
    assertEquals(List.of(DAY1, DAY2, DAY3), storedDates(repository));
    List<StoredMetrics> stored = DeequMetricsRepository.load(SparkTestSession.get(), repository);
    assertEquals(Map.of("source", "ohlcv", "window", "2024-01-03"), stored.get(2).tags());
    assertEquals(Map.of("Size(*)", 33.0, "Completeness(close)", 27.0 / 33,
        "Completeness(volume)", 1.0, "Compliance(close_positive)", 27.0 / 33), stored.get(2).metrics());
    assertEquals(11.0, stored.get(1).metrics().get("Size(*)"));

    // re-running day 2 (now 12 rows) compares with day 1 only, and replaces day 2's entry
    VerificationOutcome rerun = DeequVerifier.verify(batch(DAY2, 12, 0), SPECS, history("ohlcv", DAY2));
    assertAnomaly(rerun.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.PASSED,
        12.0, 10.0, "2024-01-01", 5.0, 20.0);
    assertEquals(List.of(DAY1, DAY2, DAY3), storedDates(repository));
    stored = DeequMetricsRepository.load(SparkTestSession.get(), repository);
    assertEquals(List.of(10.0, 12.0, 33.0),
        stored.stream().map(s -> s.metrics().get("Size(*)")).toList());
  }

  @Test
  void historyIsReadOnlyForTheSameSourceTag() throws IOException {
    String shared = lakeDir.resolve("shared.json").toString();
    DeequVerifier.verify(batch(DAY1, 40, 0), SPECS,
        new MetricsHistory(shared, "other", DAY1, "2024-01-01", ANOMALIES));

    VerificationOutcome mine = DeequVerifier.verify(batch(DAY2, 10, 0), SPECS,
        new MetricsHistory(shared, "ohlcv", DAY2, "2024-01-02", ANOMALIES));

    assertAnomaly(mine.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.NO_HISTORY,
        10.0, null, null, null, null);
    assertEquals(List.of(DAY1, DAY2), storedDates(shared));
  }

  @Test
  void aDateRerunUnderAnotherWindowKeepsOneEntryForTheDate() throws IOException {
    DeequVerifier.verify(batch(DAY1, 10, 0), SPECS, history("ohlcv", DAY1));
    DeequVerifier.verify(batch(DAY1, 12, 0), SPECS,
        new MetricsHistory(repository(), "ohlcv", DAY1, "2023-12-01_2024-01-01", ANOMALIES));

    List<StoredMetrics> stored = DeequMetricsRepository.load(SparkTestSession.get(), repository());
    assertEquals(1, stored.size());
    assertEquals(Map.of("source", "ohlcv", "window", "2023-12-01_2024-01-01"), stored.get(0).tags());
    assertEquals(12.0, stored.get(0).metrics().get("Size(*)"));

    VerificationOutcome day2 = DeequVerifier.verify(batch(DAY2, 30, 0), SPECS, history("ohlcv", DAY2));
    assertAnomaly(day2.anomalies().get(0), "row_count_change", "size", AnomalyOutcome.WARNING,
        30.0, 12.0, "2024-01-01", 6.0, 24.0);
  }

  @Test
  void anAnomalyThatCannotBeMeasuredIsReportedAndTheOthersRun() throws IOException {
    List<AnomalyCheck> anomalies = List.of(
        AnomalyCheck.completenessDrop("vwap_drop", "vwap", 0.1),
        AnomalyCheck.sizeChange("row_count_change", 0.5, 2.0),
        AnomalyCheck.completenessDrop("close_completeness_drop", "close", 0.02));
    DeequVerifier.verify(batch(DAY1, 10, 0), List.of(),
        new MetricsHistory(repository(), "ohlcv", DAY1, "2024-01-01", anomalies));

    // an empty batch: size 0 is a drop to ratio 0; completeness of no rows has no value
    VerificationOutcome empty = DeequVerifier.verify(batch(DAY2, 0, 0), List.of(),
        new MetricsHistory(repository(), "ohlcv", DAY2, "2024-01-02", anomalies));

    AnomalyOutcome vwap = empty.anomalies().get(0);
    assertEquals(AnomalyOutcome.NOT_MEASURED, vwap.status());
    assertEquals("not measured: column(s) [vwap] not found; the data has [close, symbol, ts, volume]",
        vwap.message());
    assertAnomaly(empty.anomalies().get(1), "row_count_change", "size", AnomalyOutcome.WARNING,
        0.0, 10.0, "2024-01-01", 5.0, 20.0);
    AnomalyOutcome close = empty.anomalies().get(2);
    assertEquals(AnomalyOutcome.NOT_MEASURED, close.status(), close.toString());
    assertEquals("not measured: Empty state for analyzer Completeness(close,None,None), all input"
        + " values were NULL.", close.message());
    assertEquals(null, close.value());
    // only metrics with a value are stored
    List<StoredMetrics> stored = DeequMetricsRepository.load(SparkTestSession.get(), repository());
    assertEquals(Map.of("Size(*)", 0.0), stored.get(1).metrics());
    assertFalse(stored.get(0).metrics().containsKey("Completeness(vwap)"));
  }

  @Test
  void theFirstRunStartsTheRepositoryFile() {
    assertFalse(Files.exists(lakeDir.resolve("_quality")));

    VerificationOutcome first = DeequVerifier.verify(batch(DAY1, 3, 0), List.of(), history("ohlcv", DAY1));

    assertTrue(Files.isRegularFile(lakeDir.resolve("_quality/metrics/ohlcv.json")));
    assertEquals(List.of(), first.constraints());
    assertEquals(3, first.anomalies().size());
  }

  private MetricsHistory history(String source, LocalDate day) {
    return new MetricsHistory(repository(), source, day, day.toString(), ANOMALIES);
  }

  private String repository() {
    return MetricsHistory.repositoryPath(new Lake(lakeDir.toString()), "ohlcv");
  }

  /** The entries' dates straight from the JSON file Deequ wrote, in file order. */
  private static List<LocalDate> storedDates(String repository) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Path.of(repository).toFile());
    List<LocalDate> dates = new ArrayList<>();
    root.forEach(entry -> dates.add(
        MetricsHistory.dateOf(entry.get("resultKey").get("dataSetDate").asLong())));
    dates.sort(LocalDate::compareTo);
    return dates;
  }

  /** {@code rows} candles on {@code day}, all with volume; the first {@code nullCloses} lack close. */
  private static Dataset<Row> batch(LocalDate day, int rows, int nullCloses) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(RowFactory.create("C" + i, Timestamp.valueOf(day.atStartOfDay()),
          i < nullCloses ? null : 100.0 + i, 1.0 + i));
    }
    return SparkTestSession.get().createDataFrame(out, SCHEMA);
  }

  private static void assertAnomaly(AnomalyOutcome actual, String name, String metric, String status,
      Double value, Double previous, String previousDate, Double lower, Double upper) {
    assertEquals(name, actual.name(), actual.toString());
    assertEquals(metric, actual.metric(), actual.toString());
    assertEquals(status, actual.status(), actual.toString());
    assertEquals(value, actual.value(), actual.toString());
    assertEquals(previous, actual.previous(), actual.toString());
    assertEquals(previousDate, actual.previousDate(), actual.toString());
    assertEquals(lower, actual.lowerBound(), actual.toString());
    assertEquals(upper, actual.upperBound(), actual.toString());
  }
}
