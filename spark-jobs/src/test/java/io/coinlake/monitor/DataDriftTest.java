package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.config.DriftTestConfig;
import io.coinlake.config.MonitoringConfig;
import io.coinlake.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Drift computed in Spark on inputs with known answers, checked against plain-Java computations on the same arrays. */
class DataDriftTest {
  private static final MonitoringConfig DEFAULTS = MonitoringConfig.defaults();

  private static DriftReport compare(DriftData reference, DriftData current, MonitoringConfig config) {
    return DataDrift.compare(reference.frame(), current.frame(), DriftData.COLUMNS, config);
  }

  private static ColumnReport column(DriftReport report, String name) {
    return report.column(name).orElseThrow();
  }

  @Test
  void identicalInputsDriftNowhere() throws Exception {
    DriftData data = DriftData.sample(300, 1, 0);
    DriftReport report = compare(data, data, DEFAULTS);
    assertEquals(List.of(), report.driftedColumns());
    assertFalse(report.datasetDrift());
    for (String name : List.of("f1", "f2", "f3")) {
      ColumnDrift drift = column(report, name).drift();
      assertEquals(StatTest.KS, drift.stattest(), name);
      assertEquals(0.0, drift.statistic(), name);
      assertEquals(1.0, drift.score(), name);
    }
    ColumnDrift sym = column(report, "sym").drift();
    assertEquals(StatTest.CHISQUARE, sym.stattest());
    assertEquals(1.0, sym.score(), 1e-12);

    JsonNode json = new ObjectMapper().readTree(DriftJson.write(report));
    JsonNode table = json.get("metrics").get(1).get("result");
    assertFalse(table.get("dataset_drift").asBoolean());
    assertEquals(4, table.get("drift_by_columns").size());
    assertEquals("K-S p_value", table.get("drift_by_columns").get("f2").get("stattest_name").asText());
    assertEquals(300, json.get("metrics").get(2).get("result").get("current_characteristics").get("count").asInt());
  }

  @Test
  void smallSamplesFromTheSameDistributionsDriftNowhere() {
    // Tests at the 5% level flag some same-distribution samples by chance, Evidently's chi-square
    // (reference counts taken as exact expectations) about 22% of the time here: seeds 17/18 are a pair
    // where none does (p: f1 0.58, f2 0.94, f3 0.21, sym 0.95); the shift test below reuses them.
    DriftReport report = compare(DriftData.sample(400, 17, 0), DriftData.sample(400, 18, 0), DEFAULTS);
    assertEquals(List.of(), report.driftedColumns());
    assertEquals(0.0, report.shareOfDriftedColumns());
    report.columns().forEach(c -> assertTrue(c.drift().score() > 0.05, c.name() + " p=" + c.drift().score()));
  }

  @Test
  void aOneSigmaMeanShiftIsFlaggedInThatFeatureOnlyByKs() {
    DriftData reference = DriftData.sample(400, 17, 0);
    DriftData current = DriftData.sample(400, 18, 1.0);
    DriftReport report = compare(reference, current, DEFAULTS);

    assertEquals(List.of("f2"), report.driftedColumns());
    assertEquals(4, report.numberOfColumns());
    assertEquals(1, report.numberOfDriftedColumns());
    assertEquals(0.25, report.shareOfDriftedColumns());
    assertFalse(report.datasetDrift(), "1 of 4 columns is below the default drift share 0.5");
    assertTrue(new DriftReport(0.25, report.columns()).datasetDrift(), "and at a drift share of 0.25 the dataset drifts");
    assertEquals(StatTest.CHISQUARE, column(report, "sym").drift().stattest());

    for (String name : List.of("f1", "f2", "f3")) {
      ColumnDrift drift = column(report, name).drift();
      double[] a = reference.column(name);
      double[] b = current.column(name);
      long scaled = NaiveStats.ksScaled(a, b);
      assertEquals(StatTest.KS, drift.stattest());
      assertEquals(0.05, drift.threshold());
      assertEquals(NaiveStats.ksStatistic(a, b), drift.statistic(), 0.0, name + " KS statistic");
      double p = NaiveStats.ksPValueByPathCounting(a.length, b.length, scaled);
      assertEquals(p, drift.score(), 1e-9 * p + 1e-15, name + " KS p-value");
    }
    assertTrue(column(report, "f2").drift().score() < 1e-20, "a 1 sigma shift on 400 values is far beyond chance");
  }

  @Test
  void aOneSigmaMeanShiftIsFlaggedInThatFeatureOnlyByWassersteinOnLargeSamples() {
    DriftData reference = DriftData.sample(1500, 21, 0);
    DriftData current = DriftData.sample(1200, 22, 1.0);
    DriftReport report = compare(reference, current, DEFAULTS);

    assertEquals(List.of("f2"), report.driftedColumns());
    assertEquals(StatTest.JENSENSHANNON, column(report, "sym").drift().stattest());
    for (String name : List.of("f1", "f2", "f3")) {
      ColumnDrift drift = column(report, name).drift();
      double[] a = reference.column(name);
      double[] b = current.column(name);
      double raw = NaiveStats.wasserstein(a, b);
      assertEquals(StatTest.WASSERSTEIN, drift.stattest());
      assertEquals(0.1, drift.threshold());
      assertEquals(raw, drift.statistic(), 1e-12 * raw, name + " Wasserstein distance");
      assertEquals(raw / NaiveStats.populationStd(a), drift.score(), 1e-9 * drift.score(), name + " normed");
    }
    double f2 = column(report, "f2").drift().score();
    assertTrue(f2 > 0.8 && f2 < 1.2, "a shift of one reference std moves the normed distance to about 1, got " + f2);
  }

  @Test
  void aOneSigmaMeanShiftIsFlaggedInThatFeatureOnlyByPsi() {
    MonitoringConfig psi = new MonitoringConfig(0.5, 20, new DriftTestConfig("psi", null), DriftTestConfig.AUTO, Map.of());
    DriftReport report = compare(DriftData.sample(1500, 21, 0), DriftData.sample(1200, 22, 1.0), psi);
    assertEquals(List.of("f2"), report.driftedColumns());
    assertEquals(StatTest.PSI, column(report, "f1").drift().stattest());
    assertTrue(column(report, "f2").drift().score() > 0.5, "PSI of a 1 sigma shift: " + column(report, "f2").drift().score());
  }

  @Test
  void psiAndJensenShannonBinBySturgesLikeNumpy() {
    // reference 0..29, current 10..39: Sturges over the 60 values gives 7 bins of width 39/7;
    // numpy/Evidently: PSI 3.3318040803030873, Jensen-Shannon distance 0.4165484914104146
    double[] reference = new double[30];
    double[] current = new double[30];
    for (int i = 0; i < 30; i++) {
      reference[i] = i;
      current[i] = i + 10;
    }
    List<ColumnSpec> x = List.of(ColumnSpec.numerical("x"));
    Dataset<Row> ref = DriftData.numbers("x", reference);
    Dataset<Row> cur = DriftData.numbers("x", current);
    ColumnDrift psi = DataDrift.compare(ref, cur, x, DEFAULTS.withColumn("x", new DriftTestConfig("psi", null))).columns().get(0).drift();
    assertEquals(3.3318040803030873, psi.score(), 1e-12);
    assertTrue(psi.detected());
    ColumnDrift js = DataDrift.compare(ref, cur, x, DEFAULTS.withColumn("x", new DriftTestConfig("jensenshannon", 0.5))).columns().get(0).drift();
    assertEquals(0.4165484914104146, js.score(), 1e-12);
    assertEquals(0.5, js.threshold());
    assertFalse(js.detected(), "0.4165 is below the configured 0.5");
  }

  @Test
  void ksAndWassersteinMatchScipyOnExplicitArrays() {
    // scipy 1.17.1: ks_2samp -> (0.4666666666666667, 0.13424346551281538); wasserstein_distance ->
    // 1.3158333333333336; np.std(reference) -> 1.1659435258860336 (1.2 appears in both: a tie)
    Dataset<Row> ref = DriftData.numbers("x", 0.61, 1.2, -0.3, 2.5, 0.0, 1.7, 0.9, -1.1, 3.2, 0.45, 1.2, 2.05);
    Dataset<Row> cur = DriftData.numbers("x", 1.9, 2.8, 0.7, 3.5, 2.2, 1.2, 4.1, 2.6, 1.5, 3.0);
    List<ColumnSpec> x = List.of(ColumnSpec.numerical("x"));
    ColumnDrift ks = DataDrift.compare(ref, cur, x, DEFAULTS).columns().get(0).drift();
    assertEquals(StatTest.KS, ks.stattest());
    assertEquals(0.4666666666666667, ks.statistic(), 1e-15);
    assertEquals(0.13424346551281538, ks.score(), 1e-12);
    assertFalse(ks.detected());
    ColumnDrift w = DataDrift.compare(ref, cur, x, DEFAULTS.withColumn("x", new DriftTestConfig("wasserstein", null))).columns().get(0).drift();
    assertEquals(1.3158333333333336, w.statistic(), 1e-12);
    assertEquals(1.3158333333333336 / 1.1659435258860336, w.score(), 1e-12);
    assertTrue(w.detected());
  }

  @Test
  void ecdfStatisticsDoNotDependOnHowSparkPartitionsTheValues() {
    DriftData reference = DriftData.sample(600, 31, 0);
    DriftData current = DriftData.sample(500, 32, 0.3);
    MonitoringConfig wasserstein = DEFAULTS.withColumn("f1", new DriftTestConfig("wasserstein", null))
        .withColumn("f3", new DriftTestConfig("wasserstein", null));
    DriftReport few = compare(reference, current, wasserstein);
    SparkSession spark = SparkTestSession.get();
    String partitions = spark.conf().get("spark.sql.shuffle.partitions");
    String coalesce = spark.conf().get("spark.sql.adaptive.coalescePartitions.enabled");
    DriftReport many;
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "7");
      spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", "false");
      many = compare(reference, current, wasserstein);
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", partitions);
      spark.conf().set("spark.sql.adaptive.coalescePartitions.enabled", coalesce);
    }
    for (String name : List.of("f1", "f2", "f3")) {
      double[] a = reference.column(name);
      double[] b = current.column(name);
      double expected = name.equals("f2") ? NaiveStats.ksStatistic(a, b) : NaiveStats.wasserstein(a, b);
      assertEquals(expected, few.column(name).orElseThrow().drift().statistic(), 1e-12, name);
      assertEquals(expected, many.column(name).orElseThrow().drift().statistic(), 1e-12, name + " over 7 partitions");
    }
  }

  @Test
  void categoricalCountsGiveTheHandComputedChiSquareAndJensenShannon() {
    List<ColumnSpec> sym = List.of(ColumnSpec.categorical("sym"));
    Dataset<Row> ref = DriftData.categories("sym", "a", 40, "b", 35, "c", 25);
    Dataset<Row> cur = DriftData.categories("sym", "c", 40, "b", 35, "a", 25);
    ColumnReport chi = DataDrift.compare(ref, cur, sym, DEFAULTS).columns().get(0);
    assertEquals(StatTest.CHISQUARE, chi.drift().stattest());
    assertEquals(14.625, chi.drift().statistic(), 1e-12);
    assertEquals(Math.exp(-14.625 / 2), chi.drift().score(), 1e-15);
    assertTrue(chi.drift().detected());
    assertEquals(List.of("a", "b", "c"), chi.histogram().categories());
    assertEquals(List.of(40L, 35L, 25L), chi.histogram().reference());
    assertEquals(List.of(25L, 35L, 40L), chi.histogram().current());

    ColumnDrift js = DataDrift.compare(ref, cur, sym, DEFAULTS.withColumn("sym", new DriftTestConfig("jensenshannon", null)))
        .columns().get(0).drift();
    assertEquals(0.13215400029671842, js.score(), 1e-15);
    assertTrue(js.detected());
  }

  @Test
  void psiOfCategoriesByHand() {
    // shares 0.5/0.3/0.2 against 0.3/0.3/0.4: 0.2 ln(5/3) + 0 + 0.2 ln 2
    List<ColumnSpec> sym = List.of(ColumnSpec.categorical("sym"));
    MonitoringConfig psi = new MonitoringConfig(0.5, 20, DriftTestConfig.AUTO, new DriftTestConfig("psi", 0.25), Map.of());
    ColumnDrift drift = DataDrift.compare(DriftData.categories("sym", "a", 50, "b", 30, "c", 20),
        DriftData.categories("sym", "a", 30, "b", 30, "c", 40), sym, psi).columns().get(0).drift();
    assertEquals(StatTest.PSI, drift.stattest());
    assertEquals(0.2 * Math.log(5.0 / 3.0) + 0.2 * Math.log(2.0), drift.score(), 1e-15);
    assertEquals(0.25, drift.threshold());
    assertFalse(drift.detected(), "0.2408 is below the configured 0.25");
  }

  @Test
  void newCategoriesAreListedAndMakeChiSquareCertain() {
    List<ColumnSpec> sym = List.of(ColumnSpec.categorical("sym"));
    Dataset<Row> ref = DriftData.categories("sym", "a", 40, "b", 35, "c", 25, "e", 1);
    Dataset<Row> cur = DriftData.categories("sym", "a", 20, "b", 30, "c", 40, "d", 10).union(DriftData.categories("sym", "x", 0));
    ColumnReport report = DataDrift.compare(ref, cur, sym, DEFAULTS).columns().get(0);
    assertEquals(List.of("d"), report.newCategories());
    assertEquals(List.of("e"), report.missingCategories());
    assertEquals(0.0, report.drift().score());
    assertEquals("a", report.reference().mostCommon());
    assertEquals(40, report.reference().mostCommonCount());
    assertEquals("c", report.current().mostCommon());
    assertEquals(4, report.current().unique());
  }

  @Test
  void binaryCategoriesUseTheZTest() {
    List<ColumnSpec> side = List.of(ColumnSpec.categorical("side"));
    ColumnDrift z = DataDrift.compare(DriftData.categories("side", "buy", 60, "sell", 40),
        DriftData.categories("side", "buy", 45, "sell", 55), side, DEFAULTS).columns().get(0).drift();
    assertEquals(StatTest.Z, z.stattest());
    assertEquals(0.03367206885634566, z.score(), 1e-12);
    assertTrue(z.detected());
  }

  @Test
  void qualitySummaryAndChartBins() {
    Dataset<Row> ref = DriftData.numbers("x", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, null, Double.NaN,
        Double.POSITIVE_INFINITY, 2.0);
    Dataset<Row> cur = DriftData.numbers("x", 4.0, 5.0, 9.0, null);
    MonitoringConfig fourBins = new MonitoringConfig(0.5, 4, DriftTestConfig.AUTO, DriftTestConfig.AUTO, Map.of());
    ColumnReport report = DataDrift.compare(ref, cur, List.of(ColumnSpec.numerical("x")), fourBins).columns().get(0);

    ColumnQuality r = report.reference();
    assertEquals(12, r.rows());
    assertEquals(2, r.missing(), "null and NaN are missing");
    assertEquals(2.0 / 12, r.missingShare(), 1e-15);
    assertEquals(1, r.infinite());
    assertEquals(10, r.count());
    assertEquals(8, r.unique(), "distinct finite values");
    assertEquals(1.0, r.min());
    assertEquals(8.0, r.max());
    assertEquals(38.0 / 9, r.mean(), 1e-12);
    // percentile_approx returns the sample value at rank ceil(p * n) of 1 2 2 3 4 5 6 7 8
    assertEquals(2.0, r.p25());
    assertEquals(4.0, r.p50());
    assertEquals(6.0, r.p75());

    ColumnQuality c = report.current();
    assertEquals(0.25, c.missingShare());
    assertEquals(9.0, c.max());
    assertEquals(6.0, c.mean(), 1e-12);

    // shared edges over both inputs' finite values [1, 9]: 1 3 5 7 9; the top edge is in the last bin
    Histogram h = report.histogram();
    assertEquals(List.of(1.0, 3.0, 5.0, 7.0, 9.0), h.edges());
    assertEquals(List.of(3L, 2L, 2L, 2L), h.reference());
    assertEquals(List.of(0L, 1L, 1L, 1L), h.current());
    assertEquals(StatTest.KS, report.drift().stattest(), "9 finite reference values, 9 distinct overall");
  }

  @Test
  void fewDistinctNumbersAreTestedLikeCategories() {
    Dataset<Row> ref = DriftData.numbers("n", 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 1.0);
    Dataset<Row> cur = DriftData.numbers("n", 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 2.0, 1.0);
    ColumnDrift drift = DataDrift.compare(ref, cur, List.of(ColumnSpec.numerical("n")), DEFAULTS).columns().get(0).drift();
    assertEquals(StatTest.CHISQUARE, drift.stattest());
    assertEquals(ChiSquare.pValue(new long[] {3, 2, 3}, new long[] {2, 3, 3}), drift.score(), 1e-15);
  }

  @Test
  void unusableColumnsAndWrongTestsAreRefusedWithTheColumnNamed() {
    DriftData data = DriftData.sample(50, 1, 0);
    MonitoringException missing = assertThrows(MonitoringException.class,
        () -> DataDrift.compare(data.frame(), data.frame().drop("f3"), DriftData.COLUMNS, DEFAULTS));
    assertTrue(missing.getMessage().contains("the current data has no column 'f3'"), missing.getMessage());

    MonitoringException ksOnCategories = assertThrows(MonitoringException.class,
        () -> DataDrift.compare(data.frame(), data.frame(), DriftData.COLUMNS, DEFAULTS.withColumn("sym", new DriftTestConfig("ks", null))));
    assertTrue(ksOnCategories.getMessage().startsWith("monitoring.columns.sym.stattest: ks does not apply"), ksOnCategories.getMessage());

    MonitoringException empty = assertThrows(MonitoringException.class, () -> DataDrift.compare(
        DriftData.numbers("x", 1.0, 2.0), DriftData.numbers("x", null, Double.NaN), List.of(ColumnSpec.numerical("x")), DEFAULTS));
    assertTrue(empty.getMessage().startsWith("column 'x' has no usable value in the current data (2 rows, 2 missing"), empty.getMessage());

    MonitoringException text = assertThrows(MonitoringException.class,
        () -> DataDrift.compare(data.frame(), data.frame(), List.of(ColumnSpec.numerical("sym")), DEFAULTS));
    assertTrue(text.getMessage().contains("column 'sym' of the reference data is string, not a number"), text.getMessage());
  }
}
