package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coinlake.config.MonitoringConfig.QualityPeriod;
import io.coinlake.testing.SparkTestSession;
import io.coinlake.train.Metrics;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Served predictions joined with matured labels: daily means, errors per day and week, and the window's verdict. */
class ModelQualityTest {
  private static final double FLOOR = 1e-4;
  private static final ErrorMetrics CV = new ErrorMetrics(0, 0.05, 0.04, 0.3);

  private static Dataset<Row> rows(String value, Object[]... rows) {
    StructType schema = new StructType().add("symbol", DataTypes.StringType).add("ts", DataTypes.TimestampType)
        .add(value, DataTypes.DoubleType);
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r[0], Timestamp.from(java.time.Instant.parse(r[1] + "T00:00:00Z")), r[2]));
    }
    return SparkTestSession.get().createDataFrame(list, schema);
  }

  // 2021-06-01 is a Tuesday: its week starts on Monday 2021-05-31; 2021-06-07 is the next Monday
  private static final Dataset<Row> PREDICTIONS = rows("prediction",
      new Object[] {"BTC", "2021-06-01", 0.10}, new Object[] {"ETH", "2021-06-01", 0.20},
      new Object[] {"BTC", "2021-06-02", 0.11}, new Object[] {"ETH", "2021-06-02", 0.21},
      new Object[] {"BTC", "2021-06-07", 0.09}, new Object[] {"BTC", "2021-06-08", 0.30});
  private static final Dataset<Row> LABELS = rows("label",
      new Object[] {"BTC", "2021-06-01", 0.12}, new Object[] {"ETH", "2021-06-01", 0.15},
      new Object[] {"BTC", "2021-06-02", 0.10}, new Object[] {"ETH", "2021-06-02", null},
      new Object[] {"BTC", "2021-06-07", 0.20}, new Object[] {"SOL", "2021-06-01", 0.50});

  private static void assertErrors(double[] yTrue, double[] yPred, ErrorMetrics actual) {
    double[] expected = Metrics.compute(yTrue, yPred, FLOOR); // qlike, rmse, mae, r2
    assertEquals(yTrue.length, actual.rows());
    assertEquals(expected[1], actual.rmse(), 1e-12, "rmse");
    assertEquals(expected[2], actual.mae(), 1e-12, "mae");
    assertEquals(expected[0], actual.qlike(), 1e-12, "qlike");
  }

  @Test
  void eachDayHasItsPredictionsAndTheMaturedLabelsOfThem() {
    ModelQuality.Result q = ModelQuality.evaluate(PREDICTIONS, LABELS, QualityPeriod.DAY, FLOOR, CV, 1.5);
    List<ModelQuality.DailyPredictions> days = q.daily();
    assertEquals(List.of("2021-06-01", "2021-06-02", "2021-06-07", "2021-06-08"), days.stream().map(d -> d.day().toString()).toList());
    assertEquals(2, days.get(0).predictions());
    assertEquals(0.15, days.get(0).meanPrediction(), 1e-12);
    assertEquals(2, days.get(0).labeled());
    assertEquals(0.135, days.get(0).meanRealized(), 1e-12);
    assertEquals(1, days.get(1).labeled(), "ETH's label of 06-02 has not matured");
    assertEquals(0.10, days.get(1).meanRealized(), 1e-12);
    assertEquals(0, days.get(3).labeled(), "no feature row at all for 06-08 yet");
    assertNull(days.get(3).meanRealized());
    assertEquals(6, q.predictions());
  }

  @Test
  void errorsPerDayAndOverTheWindowMatchTheTrainingMetrics() {
    ModelQuality.Result q = ModelQuality.evaluate(PREDICTIONS, LABELS, QualityPeriod.DAY, FLOOR, CV, 1.5);
    assertEquals(List.of(LocalDate.parse("2021-06-01"), LocalDate.parse("2021-06-02"), LocalDate.parse("2021-06-07")),
        q.periods().stream().map(ModelQuality.PeriodErrors::start).toList(), "only days with a matured label");
    assertErrors(new double[] {0.12, 0.15}, new double[] {0.10, 0.20}, q.periods().get(0).errors());
    assertErrors(new double[] {0.10}, new double[] {0.11}, q.periods().get(1).errors());
    assertErrors(new double[] {0.20}, new double[] {0.09}, q.periods().get(2).errors());
    assertErrors(new double[] {0.12, 0.15, 0.10, 0.20}, new double[] {0.10, 0.20, 0.11, 0.09}, q.overall());
    assertEquals(4, q.labeledRows());
    // 06-07 misses by 0.11: rmse and mae above 1.5 x CV (0.075, 0.06); qlike of 0.2 vs 0.09 is 2.34 > 0.45
    assertEquals(List.of("rmse", "mae", "qlike"), q.periods().get(2).degradedMetrics());
    assertEquals(List.of(), q.periods().get(1).degradedMetrics(), "a miss of 0.01 is fine");
    assertTrue(q.degradation().judged());
    assertEquals(q.overall(), q.degradation().current());
  }

  @Test
  void weeksStartOnMonday() {
    ModelQuality.Result q = ModelQuality.evaluate(PREDICTIONS, LABELS, QualityPeriod.WEEK, FLOOR, CV, 1.5);
    assertEquals(List.of(LocalDate.parse("2021-05-31"), LocalDate.parse("2021-06-07")),
        q.periods().stream().map(ModelQuality.PeriodErrors::start).toList());
    assertErrors(new double[] {0.12, 0.15, 0.10}, new double[] {0.10, 0.20, 0.11}, q.periods().get(0).errors());
    assertEquals(QualityPeriod.WEEK, q.period());
  }

  @Test
  void withoutMaturedLabelsThereIsNothingToJudge() {
    Dataset<Row> none = LABELS.where("symbol = 'SOL'");
    ModelQuality.Result q = ModelQuality.evaluate(PREDICTIONS, none, QualityPeriod.DAY, FLOOR, CV, 1.5);
    assertNull(q.overall());
    assertEquals(0, q.labeledRows());
    assertEquals(List.of(), q.periods());
    assertFalse(q.degradation().judged());
    assertFalse(q.degradation().degraded());
    assertEquals(4, q.daily().size(), "the predictions are still charted");
  }
}
