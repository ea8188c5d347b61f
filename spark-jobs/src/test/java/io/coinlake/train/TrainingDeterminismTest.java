package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.apache.spark.sql.functions.col;

import io.coinlake.features.VolatilityFeatures;
import io.coinlake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MLlib's GBT (engine mllib) with subsampling depends on how its input is partitioned and ordered; the canonical
 * layout of {@link TrainingData} removes that, so the same rows give the same model however they
 * were laid out and whatever spark.sql.shuffle.partitions is.
 */
class TrainingDeterminismTest {
  static SparkSession spark;
  static List<Row> rows;
  static Dataset<Row> probe;
  static final Candidate GBT = Candidates.gbt(VolatilityFeatures.featureColumns(), new GbtSettings("mllib", 4, 3, 0.1, 0.7, 42L, 1, 1));

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    rows = FeatureRows.rows(List.of("AAA", "BBB", "CCC"), 400, 7L);
    probe = FeatureRows.frame(spark, FeatureRows.rows(List.of("PRB"), 60, 99L), 1);
  }

  @AfterEach
  void restoreShufflePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", "2");
  }

  private static List<Double> predictions(PipelineModel model) {
    return model.transform(probe).orderBy(TS).select(col(PREDICTION)).collectAsList().stream().map(r -> r.getDouble(0)).toList();
  }

  /** The same rows in another order and another number of input partitions. */
  private static Dataset<Row> shuffled(long seed, int partitions) {
    List<Row> copy = new ArrayList<>(rows);
    Collections.shuffle(copy, new Random(seed));
    return FeatureRows.frame(spark, copy, partitions);
  }

  @Test
  void theCanonicalLayoutGivesTheSameModelWhateverTheInputLayoutAndShufflePartitions() {
    spark.conf().set("spark.sql.shuffle.partitions", "2");
    List<Double> first = predictions(GBT.fit(TrainingData.canonical(shuffled(1, 1), 8)));
    spark.conf().set("spark.sql.shuffle.partitions", "7");
    List<Double> second = predictions(GBT.fit(TrainingData.canonical(shuffled(2, 5), 8)));
    assertEquals(60, first.size());
    assertEquals(first, second, "bit-identical predictions");
  }

  @Test
  void withoutItTheSameRowsInAnotherLayoutGiveAnotherModel() {
    List<Double> a = predictions(GBT.fit(shuffled(1, 1)));
    List<Double> b = predictions(GBT.fit(shuffled(2, 5)));
    assertNotEquals(a, b, "GBT subsamples per partition, so the layout changes the fit (why TrainingData fixes it)");
  }

  @Test
  void theCanonicalLayoutHasFixedPartitionsSortedBySymbolAndTs() {
    Dataset<Row> canonical = TrainingData.canonical(shuffled(3, 4), 8);
    assertEquals(8, canonical.rdd().getNumPartitions());
    List<List<Row>> parts = canonical.select(SYMBOL, TS).javaRDD().glom().collect();
    long total = 0;
    for (List<Row> part : parts) {
      total += part.size();
      for (int i = 1; i < part.size(); i++) {
        Row prev = part.get(i - 1);
        Row cur = part.get(i);
        int bySymbol = prev.getString(0).compareTo(cur.getString(0));
        assertTrue(bySymbol < 0 || bySymbol == 0 && prev.getTimestamp(1).before(cur.getTimestamp(1)), prev + " then " + cur);
      }
    }
    assertEquals(1200, total);
    assertEquals(parts, TrainingData.canonical(shuffled(4, 3), 8).select(SYMBOL, TS).javaRDD().glom().collect(),
        "every row in the same partition at the same position");
  }
}
