package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.GbtGrid;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.testing.SparkTestSession;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fits on the same rows share one native matrix, built once even when they ask at the same time;
 * other rows get their own and the old one is freed once unused; unshared builds one per fit. A
 * GBT fitted on a shared matrix is the one fitted on its own.
 */
class TrainingMatricesTest {
  static SparkSession spark;
  static Dataset<Row> data;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
    data = FeatureRows.frame(spark, FeatureRows.rows(List.of("A", "B", "C"), 120, 5L), 2).cache();
  }

  /** A small matrix (the builder's product), counting the builds. */
  private static TrainingMatrices.Builder counting(AtomicInteger builds) {
    return () -> {
      builds.incrementAndGet();
      try {
        DMatrix m = new DMatrix(new float[] {1, 2, 3, 4}, 2, 2, 0.0f);
        m.setLabel(new float[] {1, 2});
        return m;
      } catch (XGBoostError e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** The training rows of a fold as the driver fit selects them: built anew each time, semantically the same. */
  private static Dataset<Row> fold(int lastDay) {
    return data.filter(col(TS).lt(FeatureRows.ts(lastDay))).select(col(LABEL).cast("float"), col(RV_LAST_H).cast("float"));
  }

  private static boolean freed(DMatrix m) {
    return m.getHandle() == 0;
  }

  @Test
  void theSameRowsShareOneMatrixAndOtherRowsRetireIt() {
    AtomicInteger builds = new AtomicInteger();
    try (TrainingMatrices matrices = TrainingMatrices.shared()) {
      TrainingMatrices.Lease first = matrices.acquire(fold(60), 0.0f, counting(builds));
      TrainingMatrices.Lease second = matrices.acquire(fold(60), 0.0f, counting(builds));
      assertSame(first.matrix(), second.matrix());
      assertEquals(1, builds.get());
      first.close();
      second.close();
      assertFalse(freed(first.matrix()), "kept for the next fit on the same rows");

      TrainingMatrices.Lease other = matrices.acquire(fold(90), 0.0f, counting(builds));
      assertEquals(2, builds.get());
      assertNotSame(first.matrix(), other.matrix());
      assertTrue(freed(first.matrix()), "the retired matrix had no user left");
      TrainingMatrices.Lease otherMissing = matrices.acquire(fold(90), Float.NaN, counting(builds));
      assertEquals(3, builds.get(), "another missing value is another matrix");
      assertFalse(freed(other.matrix()), "still in use");
      other.close();
      assertTrue(freed(other.matrix()));
      otherMissing.close();
      assertFalse(freed(otherMissing.matrix()));
      matrices.close();
      assertTrue(freed(otherMissing.matrix()), "closing frees the last one");
    }
  }

  @Test
  void aFitAskingWhileTheMatrixIsBuiltWaitsForIt() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TrainingMatrices.Builder slow = () -> {
      building.countDown();
      try {
        assertTrue(release.await(30, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return counting(builds).build();
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (TrainingMatrices matrices = TrainingMatrices.shared()) {
      Future<DMatrix> a = pool.submit(() -> {
        try (TrainingMatrices.Lease lease = matrices.acquire(fold(60), 0.0f, slow)) {
          return lease.matrix();
        }
      });
      assertTrue(building.await(30, TimeUnit.SECONDS));
      Future<DMatrix> b = pool.submit(() -> {
        try (TrainingMatrices.Lease lease = matrices.acquire(fold(60), 0.0f, counting(builds))) {
          return lease.matrix();
        }
      });
      release.countDown();
      assertSame(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
      assertEquals(1, builds.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedBuildIsTriedAgain() {
    AtomicInteger builds = new AtomicInteger();
    try (TrainingMatrices matrices = TrainingMatrices.shared()) {
      assertThrows(TrainingException.class, () -> matrices.acquire(fold(60), 0.0f, () -> {
        throw new TrainingException("refused");
      }));
      try (TrainingMatrices.Lease lease = matrices.acquire(fold(60), 0.0f, counting(builds))) {
        assertEquals(1, builds.get());
      }
    }
  }

  @Test
  void unsharedBuildsAMatrixPerFitAndFreesIt() {
    AtomicInteger builds = new AtomicInteger();
    TrainingMatrices matrices = TrainingMatrices.unshared();
    TrainingMatrices.Lease first = matrices.acquire(fold(60), 0.0f, counting(builds));
    TrainingMatrices.Lease second = matrices.acquire(fold(60), 0.0f, counting(builds));
    assertEquals(2, builds.get());
    first.close();
    assertTrue(freed(first.matrix()));
    assertFalse(freed(second.matrix()));
    second.close();
    assertTrue(freed(second.matrix()));
  }

  @Test
  void gridPointsOnASharedMatrixPredictAsIfFittedAlone() {
    Dataset<Row> train = TrainingData.canonical(data.filter(col(TS).lt(FeatureRows.ts(90))), 2).cache();
    List<String> features = VolatilityFeatures.featureColumns();
    try (TrainingMatrices matrices = TrainingMatrices.shared()) {
      for (int depth : new int[] {2, 4}) {
        GbtSettings settings = new GbtSettings(GbtGrid.XGBOOST, 20, depth, 0.1, 0.8, 42L, 2, 1, GbtGrid.FIT_DRIVER);
        PipelineModel shared = Candidates.gbt(features, settings, matrices).fit(train);
        PipelineModel alone = Candidates.gbt(features, settings).fit(train);
        assertEquals(predictions(alone), predictions(shared), "depth " + depth);
      }
    } finally {
      train.unpersist();
    }
  }

  private static List<Row> predictions(PipelineModel model) {
    return model.transform(data).orderBy(SYMBOL, TS).select(PREDICTION).collectAsList();
  }
}
