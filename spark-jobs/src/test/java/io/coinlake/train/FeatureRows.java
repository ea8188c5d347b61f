package io.coinlake.train;

import static io.coinlake.lake.Columns.*;

import io.coinlake.features.VolatilityFeatures;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Test helper: gold.features_volatility-shaped rows from a seeded random walk, every row
 * trainable, the label a noisy function of the features so the models have something to learn.
 */
final class FeatureRows {
  static final LocalDate FIRST = LocalDate.parse("2022-01-01");

  private FeatureRows() {}

  static StructType schema() {
    StructType s = new StructType().add(SYMBOL, DataTypes.StringType, false).add(TS, DataTypes.TimestampType, false);
    for (String f : VolatilityFeatures.featureColumns()) {
      s = s.add(f, DataTypes.DoubleType, true);
    }
    return s.add(LABEL, DataTypes.DoubleType, true).add(LABEL_END_TS, DataTypes.TimestampType, true)
        .add(TRAINABLE, DataTypes.BooleanType, false);
  }

  static List<Row> rows(List<String> symbols, int days, long seed) {
    Random random = new Random(seed);
    List<Row> out = new ArrayList<>();
    int nFeatures = VolatilityFeatures.featureColumns().size();
    for (String symbol : symbols) {
      double level = 0.03 + 0.02 * random.nextDouble();
      for (int d = 0; d < days; d++) {
        level = Math.max(0.005, level * Math.exp(0.1 * random.nextGaussian()));
        Object[] values = new Object[nFeatures + 5];
        values[0] = symbol;
        values[1] = ts(d);
        for (int i = 0; i < nFeatures; i++) {
          values[2 + i] = level * (0.5 + random.nextDouble());
        }
        values[2 + nFeatures] = level * Math.exp(0.2 * random.nextGaussian());
        values[3 + nFeatures] = ts(d + 7);
        values[4 + nFeatures] = true;
        out.add(RowFactory.create(values));
      }
    }
    return out;
  }

  static Dataset<Row> frame(SparkSession spark, List<Row> rows, int partitions) {
    return spark.createDataFrame(rows, schema()).repartition(partitions);
  }

  static Timestamp ts(int day) {
    return Timestamp.from(FIRST.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC));
  }
}
