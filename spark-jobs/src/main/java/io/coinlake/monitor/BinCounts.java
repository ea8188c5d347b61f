package io.coinlake.monitor;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import scala.Tuple4;

/**
 * Reference and current counts per bin for any number of binnings of numerical columns, in one
 * Spark job over the {@link ValueTable}: each distinct value goes to its bin under every binning
 * of its column ({@link BinEdges#binOf}), and Spark sums the counts per (binning, bin). Only the
 * per-bin counts reach the driver.
 */
final class BinCounts {
  /** One binning: its id, the column index it bins and the shared edges. */
  record Plan(int id, int column, double[] edges) implements Serializable {
    int bins() {
      return edges.length - 1;
    }
  }

  /** Counts of one binning, bin by bin. */
  record Counts(long[] reference, long[] current) {}

  private BinCounts() {}

  static Map<Integer, Counts> count(Dataset<Row> valueTable, List<Plan> plans) {
    Map<Integer, Counts> out = new HashMap<>();
    plans.forEach(p -> out.put(p.id(), new Counts(new long[p.bins()], new long[p.bins()])));
    if (plans.isEmpty()) {
      return out;
    }
    HashMap<Integer, List<Plan>> byColumn = new HashMap<>();
    plans.forEach(p -> byColumn.computeIfAbsent(p.column(), c -> new ArrayList<>()).add(p));
    FlatMapFunction<Row, Tuple4<Integer, Integer, Long, Long>> toBins = row -> {
      List<Tuple4<Integer, Integer, Long, Long>> bins = new ArrayList<>(2);
      for (Plan plan : byColumn.get(row.getInt(0))) {
        bins.add(new Tuple4<>(plan.id(), BinEdges.binOf(plan.edges(), row.getDouble(1)), row.getLong(2), row.getLong(3)));
      }
      return bins.iterator();
    };
    List<Row> rows = valueTable.where(col(ValueTable.COLUMN).isin(byColumn.keySet().toArray()))
        .flatMap(toBins, Encoders.tuple(Encoders.INT(), Encoders.INT(), Encoders.LONG(), Encoders.LONG()))
        .groupBy(col("_1"), col("_2")).agg(sum(col("_3")), sum(col("_4")))
        .collectAsList();
    for (Row row : rows) {
      Counts counts = out.get(row.getInt(0));
      counts.reference()[row.getInt(1)] = row.getLong(2);
      counts.current()[row.getInt(1)] = row.getLong(3);
    }
    return out;
  }
}
