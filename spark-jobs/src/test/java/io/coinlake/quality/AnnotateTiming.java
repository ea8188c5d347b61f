package io.coinlake.quality;

import static io.coinlake.lake.Columns.INTERVAL;
import static org.apache.spark.sql.functions.col;

import io.coinlake.cli.SparkSessions;
import io.coinlake.config.ConfigLoader;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A measurement, not a test: times the OHLCV contract's row annotation on the bronze.ohlcv of an
 * existing lake (e.g. one {@code ./coinlake bench} leaves in bench/runs/...), written to Spark's
 * no-op sink, in the pipeline's Spark session (the default config), with the unique and sequence checks by one pass per symbol or by windows, after the
 * batch was read once into a disk cache (so the read is not timed). Nothing asserts on time. Run
 * from spark-jobs/ after {@code mvn test-compile}:
 *
 * <pre>
 * java @../conf/spark-java17.options -Xmx4g -Dspark.master=local[2] \
 *   -cp target/test-classes:target/classes:'target/lib/*' io.coinlake.quality.AnnotateTiming LAKE REPEATS
 * </pre>
 */
public final class AnnotateTiming {
  private AnnotateTiming() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSessions.create(ConfigLoader.load(null, List.of()), "annotate-timing");
    Lake lake = new Lake(args[0]);
    int repeats = Integer.parseInt(args[1]);
    Contract contract = ContractLoader.load("../conf/contracts/ohlcv.yaml", "ohlcv");
    Dataset<Row> table = lake.read(spark, LakeTable.BRONZE_OHLCV).where(col(INTERVAL).equalTo("1d"));
    long bytes = table.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
    Dataset<Row> bronze = table.persist(StorageLevel.DISK_ONLY());
    long rows = bronze.count();
    Dataset<Row> copies = ContractEvaluator.copiedCandles(bronze, ContractEvaluator.sharedCandles(bronze)).persist();
    copies.count();
    int partitions = ValidateJob.partitions(spark, bytes);
    for (int i = 0; i < repeats; i++) {
      for (boolean bySymbol : new boolean[] {true, false}) {
        long t0 = System.nanoTime();
        ContractEvaluator.annotate(bronze, contract, copies, partitions, bySymbol).write().format("noop").mode("overwrite").save();
        System.out.printf("TIMING %s: %,d rows, %d partitions, %.2f s%n", bySymbol ? "one pass per symbol" : "windows", rows, partitions,
            (System.nanoTime() - t0) / 1e9);
      }
    }
    spark.stop();
  }
}
