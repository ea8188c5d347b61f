package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows a training fits on: gold.features_volatility at exactly the spec's Delta version, the
 * trainable rows whose label matured by the as-of date, in a canonical layout. MLlib's GBT draws
 * its subsamples and split candidates per partition (seed + partition index, rows in partition
 * order), so the same rows in another partitioning give another model. The canonical layout puts
 * every row in the same partition at the same position whatever the table's files, AQE or
 * {@code spark.sql.shuffle.partitions}: hash-partitioned on (symbol, ts) into a fixed number of
 * partitions, sorted by (symbol, ts) within each.
 */
public final class TrainingData {
  private TrainingData() {}

  public static Dataset<Row> read(SparkSession spark, Lake lake, TrainingSpec spec) {
    Dataset<Row> table = lake.readVersion(spark, LakeTable.GOLD_FEATURES_VOLATILITY, spec.tableVersion());
    List<String> missing = new ArrayList<>(requiredColumns(spec));
    missing.removeAll(Arrays.asList(table.columns()));
    if (!missing.isEmpty()) {
      throw new TrainingException(LakeTable.GOLD_FEATURES_VOLATILITY.qualifiedName() + " at Delta version " + spec.tableVersion()
          + " lacks the columns " + missing + " the training needs; rebuild it with ./coinlake features");
    }
    Dataset<Row> rows = table.filter(col(TRAINABLE).and(col(LABEL).gt(0)).and(expr(spec.asOf().sqlCondition(LABEL_END_TS))));
    return canonical(rows, spec.trainingPartitions());
  }

  /** Same rows, same partitions, same order within each, however the input was laid out. Pure. */
  public static Dataset<Row> canonical(Dataset<Row> rows, int partitions) {
    return rows.repartition(partitions, col(SYMBOL), col(TS)).sortWithinPartitions(SYMBOL, TS);
  }

  static List<String> requiredColumns(TrainingSpec spec) {
    Set<String> cols = new LinkedHashSet<>(List.of(SYMBOL, TS, LABEL, LABEL_END_TS, TRAINABLE, RV_LAST_H));
    cols.addAll(VolatilityFeatures.harColumns());
    cols.addAll(spec.features());
    return List.copyOf(cols);
  }
}
