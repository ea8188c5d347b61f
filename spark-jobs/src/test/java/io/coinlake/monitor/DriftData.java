package io.coinlake.monitor;

import io.coinlake.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Seeded synthetic inputs for the drift tests: f1 ~ N(0, 1), f2 ~ N(5, 2), f3 ~ 3 Exp(1) rounded
 * to 2 decimals (so it has ties), sym categorical a/b/c with shares 0.5/0.3/0.2. {@code shiftF2}
 * adds that many standard deviations (2) to f2.
 */
final class DriftData {
  static final StructType SCHEMA = new StructType()
      .add("f1", DataTypes.DoubleType).add("f2", DataTypes.DoubleType).add("f3", DataTypes.DoubleType)
      .add("sym", DataTypes.StringType);
  static final List<ColumnSpec> COLUMNS = List.of(ColumnSpec.numerical("f1"), ColumnSpec.numerical("f2"),
      ColumnSpec.numerical("f3"), ColumnSpec.categorical("sym"));

  final double[] f1;
  final double[] f2;
  final double[] f3;
  final String[] sym;

  private DriftData(int n, long seed, double shiftF2) {
    Random random = new Random(seed);
    f1 = new double[n];
    f2 = new double[n];
    f3 = new double[n];
    sym = new String[n];
    for (int i = 0; i < n; i++) {
      f1[i] = random.nextGaussian();
      f2[i] = 5 + 2 * random.nextGaussian() + 2 * shiftF2;
      f3[i] = Math.round(-3 * Math.log(1 - random.nextDouble()) * 100) / 100.0;
      double u = random.nextDouble();
      sym[i] = u < 0.5 ? "a" : u < 0.8 ? "b" : "c";
    }
  }

  static DriftData sample(int n, long seed, double shiftF2) {
    return new DriftData(n, seed, shiftF2);
  }

  double[] column(String name) {
    return switch (name) {
      case "f1" -> f1;
      case "f2" -> f2;
      case "f3" -> f3;
      default -> throw new IllegalArgumentException(name);
    };
  }

  Dataset<Row> frame() {
    List<Row> rows = new ArrayList<>(f1.length);
    for (int i = 0; i < f1.length; i++) {
      rows.add(RowFactory.create(f1[i], f2[i], f3[i], sym[i]));
    }
    return SparkTestSession.get().createDataFrame(rows, SCHEMA);
  }

  /** A one-column double frame, nulls allowed. */
  static Dataset<Row> numbers(String name, Double... values) {
    List<Row> rows = new ArrayList<>();
    for (Double v : values) {
      rows.add(RowFactory.create(v));
    }
    return SparkTestSession.get().createDataFrame(rows, new StructType().add(name, DataTypes.DoubleType));
  }

  static Dataset<Row> numbers(String name, double[] values) {
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return numbers(name, boxed);
  }

  /** A one-column string frame: {@code counts} alternates value and how many times, e.g. "a", 40, "b", 35. */
  static Dataset<Row> categories(String name, Object... counts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < counts.length; i += 2) {
      for (int k = 0; k < (Integer) counts[i + 1]; k++) {
        rows.add(RowFactory.create(counts[i]));
      }
    }
    return SparkTestSession.get().createDataFrame(rows, new StructType().add(name, DataTypes.StringType));
  }
}
