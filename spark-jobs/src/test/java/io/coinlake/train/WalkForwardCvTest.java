package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.columnar.InMemoryRelation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walk-forward CV computes a fold's metrics while it fits the next fold's candidates; each fold
 * must still get the metrics of its own predictions, and a failure must leave nothing cached.
 */
class WalkForwardCvTest {
  static final double FLOOR = 1e-4;
  static final int DAYS = 240;
  static SparkSession spark;
  static Dataset<Row> data;
  static List<Fold> folds;

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    data = FeatureRows.frame(spark, FeatureRows.rows(List.of("AAA", "BBB", "CCC"), DAYS, 11L), 2);
    folds = WalkForwardSplits.folds(FeatureRows.FIRST, FeatureRows.FIRST.plusDays(DAYS - 1), 3, 0.5, 7);
  }

  @Test
  void everyFoldGetsTheMetricsOfItsOwnPredictions() {
    List<Candidate> candidates = List.of(Candidates.persistence(), Candidates.harLinear(FLOOR));
    CvResult cv = WalkForwardCv.run(data, candidates, folds, FLOOR, 2);
    try {
      assertEquals(3, folds.size());
      for (Candidate candidate : candidates) {
        List<FoldMetrics> perFold = cv.perFold().get(candidate.name());
        assertEquals(folds.size(), perFold.size(), candidate.name());
        for (int i = 0; i < folds.size(); i++) {
          Fold fold = folds.get(i);
          FoldMetrics got = perFold.get(i);
          assertEquals(fold.index(), got.fold());
          // recomputed from the out-of-fold rows this fold wrote, alone
          FoldMetrics expected = WalkForwardCv.metrics(cv.outOfFold().where(col(FOLD).equalTo(fold.index())), fold, FLOOR).stream()
              .filter(m -> m.model().equals(candidate.name())).findFirst().orElseThrow();
          assertTrue(got.rows() > 0);
          assertEquals(expected.rows(), got.rows());
          assertEquals(expected.qlike(), got.qlike(), 1e-12);
          assertEquals(expected.rmse(), got.rmse(), 1e-12);
        }
      }
      // the folds validate different days, so their metrics differ
      List<FoldMetrics> har = cv.perFold().get(Candidates.HAR_LINEAR);
      assertNotEquals(har.get(0).rmse(), har.get(1).rmse());
    } finally {
      cv.release();
    }
  }

  @Test
  void theOutOfFoldRowsAreReadFromTheFoldsCachesAlone() {
    Set<Integer> before = persistedRdds();
    List<Candidate> candidates = List.of(Candidates.persistence(), Candidates.harLinear(FLOOR));
    // validation rows kept whatever the size (the other tests take the small inputs' path)
    CvResult cv = WalkForwardCv.run(data, candidates, folds, FLOOR, 2, 0);
    try {
      // a cache per fold's predictions stays; the validation rows kept while they were predicted do not
      assertEquals(before.size() + folds.size(), persistedRdds().size());
      // with every fold's cache in the plan, nothing is predicted again: the plan's only leaves are
      // the folds' caches (a fold predicted again would bring the training rows' own relation)
      List<LogicalPlan> leaves = scala.jdk.javaapi.CollectionConverters.asJava(cv.outOfFold().queryExecution().withCachedData().collectLeaves());
      assertEquals(folds.size(), leaves.size(), leaves.toString());
      assertTrue(leaves.stream().allMatch(InMemoryRelation.class::isInstance), leaves.toString());
      long rows = cv.perFold().get(Candidates.HAR_LINEAR).stream().mapToLong(FoldMetrics::rows).sum() * candidates.size();
      assertEquals(rows, cv.outOfFold().count());
    } finally {
      cv.release();
    }
  }

  @Test
  void aFitFailingInALaterFoldLeavesNoFoldPredictionsCached() {
    Set<Integer> before = persistedRdds();
    long firstFoldRows = data.filter(WalkForwardSplits.trainCondition(folds.get(0))).count();
    Candidate failing = new Candidate("fails_after_fold_1", "test", false, Map.of(), List.of(RV_LAST_H), false,
        new Pipeline().setStages(new PipelineStage[] {new FailingAbove(firstFoldRows)}));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> WalkForwardCv.run(data, List.of(Candidates.persistence(), failing), folds, FLOOR, 2));
    assertTrue(e.getMessage().startsWith("refused"), e.getMessage());
    assertEquals(before, persistedRdds());
  }

  private static Set<Integer> persistedRdds() {
    return Set.copyOf(JavaSparkContext.fromSparkContext(spark.sparkContext()).getPersistentRDDs().keySet());
  }

  /** Fits the persistence baseline on up to {@code maxRows} rows, and fails on more. */
  static final class FailingAbove extends Estimator<Persistence> {
    private static final long serialVersionUID = 1L;
    private final long maxRows;

    FailingAbove(long maxRows) {
      this.maxRows = maxRows;
    }

    @Override
    public Persistence fit(Dataset<?> rows) {
      long n = rows.count();
      if (n > maxRows) {
        throw new IllegalStateException("refused " + n + " rows");
      }
      return new Persistence();
    }

    @Override
    public FailingAbove copy(ParamMap extra) {
      return new FailingAbove(maxRows);
    }

    @Override
    public StructType transformSchema(StructType schema) {
      return new Persistence().transformSchema(schema);
    }

    @Override
    public String uid() {
      return "FailingAbove";
    }
  }

  /** Predicts the last realized volatility. */
  static final class Persistence extends Model<Persistence> {
    private static final long serialVersionUID = 1L;

    @Override
    public Dataset<Row> transform(Dataset<?> rows) {
      return rows.withColumn(PREDICTION, col(RV_LAST_H));
    }

    @Override
    public Persistence copy(ParamMap extra) {
      return new Persistence();
    }

    @Override
    public StructType transformSchema(StructType schema) {
      return schema.add(PREDICTION, DataTypes.DoubleType, true);
    }

    @Override
    public String uid() {
      return "Persistence";
    }
  }
}
