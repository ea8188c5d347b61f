package io.coinlake.train;

import io.coinlake.config.ConfigLoader;
import io.coinlake.config.GbtGrid;
import io.coinlake.config.LogicalWindow;
import io.coinlake.config.VolatilityTaskConfig;
import io.coinlake.features.VolatilityFeatures;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A measurement, not a test: times GBT fits and walk-forward CV on the gold.features_volatility
 * of an existing lake (e.g. the one {@code ./coinlake bench} leaves in bench/runs/...) and prints
 * wall seconds and Spark jobs. Nothing asserts on time. Run from spark-jobs/ after
 * {@code mvn test-compile} and {@code ./coinlake build}:
 *
 * <pre>
 * java @../conf/spark-java17.options -Xmx4g -Dspark.master=local[2] \
 *   -cp target/test-classes:target/classes:'target/lib/*' io.coinlake.train.TrainTiming fit LAKE ENGINE TREES DEPTH REPEATS
 * ... TrainTiming fitpre LAKE ENGINE TREES DEPTH REPEATS   (XGBoost4J-Spark's regressor alone on a cached, pre-assembled vector)
 * ... TrainTiming cv LAKE ENGINE FIT_THREADS REPEATS       (walk-forward CV of the default candidates)
 * </pre>
 *
 * ENGINE is xgboost (fitted in the driver), xgboost-spark (XGBoost4J-Spark's workers) or mllib. CPU seconds (the process's, native XGBoost included) are printed
 * next to wall seconds: on a shared machine they vary far less than the wall time.
 */
public final class TrainTiming {
  private TrainTiming() {}

  /** CPU seconds of this process (all threads, native XGBoost included). */
  private static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  /** Runs {@code fit} {@code repeats} times, printing wall and CPU seconds and Spark jobs of each. */
  private static void timeFits(String what, int repeats, AtomicInteger jobs, Runnable fit) {
    for (int i = 0; i < repeats; i++) {
      int before = jobs.get();
      double c0 = cpu();
      long t0 = System.nanoTime();
      fit.run();
      System.out.printf("TIMING %s: %.2f s, cpu %.2f s, %d jobs%n", what, (System.nanoTime() - t0) / 1e9, cpu() - c0,
          jobs.get() - before);
    }
  }

  public static void main(String[] args) {
    String mode = args[0];
    Lake lake = new Lake(args[1]);
    // ENGINE: xgboost (in the driver), xgboost-spark (XGBoost4J-Spark's workers) or mllib
    String fit = args[2].equals("xgboost-spark") ? GbtGrid.FIT_SPARK : GbtGrid.FIT_DRIVER;
    String engine = args[2].startsWith("xgboost") ? GbtGrid.XGBOOST : args[2];
    SparkSession spark = SparkSession.builder().appName("coinlake train timing")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    AtomicInteger jobs = new AtomicInteger();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobs.incrementAndGet();
      }
    });
    XgboostWorkers workers = XgboostWorkers.available(spark.sparkContext());
    VolatilityTaskConfig task = ConfigLoader.load(null, List.of("tasks.volatility.gbt.engine=" + engine)).tasks().volatility();
    long version = lake.version(spark, LakeTable.GOLD_FEATURES_VOLATILITY);
    TrainingSpec spec = TrainingSpec.of(task, LogicalWindow.all(), version, workers.slots(), fit.equals(GbtGrid.FIT_DRIVER));
    Dataset<Row> data = TrainingData.read(spark, lake, spec).persist(StorageLevel.MEMORY_AND_DISK());
    long rows = data.count();
    System.out.printf("TIMING rows %d, features %d, engine %s, partitions %d, workers %s%n", rows, spec.features().size(), engine,
        spec.trainingPartitions(), workers);
    if (mode.equals("fitpre")) {
      // the same fit on a cached, pre-assembled feature vector (XGBoost stage alone, no VectorAssembler per fit)
      int trees = Integer.parseInt(args[3]);
      int depth = Integer.parseInt(args[4]);
      int repeats = Integer.parseInt(args[5]);
      Dataset<Row> assembled = new org.apache.spark.ml.feature.VectorAssembler()
          .setInputCols(VolatilityFeatures.featureColumns().toArray(String[]::new)).setOutputCol(Candidates.FEATURES_VECTOR)
          .transform(data).withColumn(Candidates.LOG_LABEL, org.apache.spark.sql.functions.ln(org.apache.spark.sql.functions.col(io.coinlake.lake.Columns.LABEL)))
          .select(Candidates.FEATURES_VECTOR, Candidates.LOG_LABEL).persist(StorageLevel.MEMORY_AND_DISK());
      assembled.count();
      // XGBoost4J-Spark's estimator: a fit in the driver reads the feature columns, not a vector
      var stage = (org.apache.spark.ml.Estimator<?>) new GbtSettings(engine, trees, depth, 0.1, 0.8, 42L, spec.trainingPartitions(),
          workers.threadsPerWorker(), GbtGrid.FIT_SPARK).regressor(VolatilityFeatures.featureColumns(), Candidates.FEATURES_VECTOR,
          Candidates.LOG_LABEL, Candidates.LOG_PREDICTION, TrainingMatrices.unshared());
      timeFits("fitpre " + engine + " " + trees + " trees depth " + depth, repeats, jobs, () -> stage.fit(assembled));
    } else if (mode.equals("fit")) {
      int trees = Integer.parseInt(args[3]);
      int depth = Integer.parseInt(args[4]);
      int repeats = Integer.parseInt(args[5]);
      Candidate gbt = Candidates.gbt(VolatilityFeatures.featureColumns(),
          new GbtSettings(engine, trees, depth, 0.1, 0.8, 42L, spec.trainingPartitions(), workers.threadsPerWorker(), fit));
      timeFits("fit " + args[2] + " " + trees + " trees depth " + depth, repeats, jobs, () -> gbt.fit(data));
    } else {
      int threads = Integer.parseInt(args[3]);
      int repeats = Integer.parseInt(args[4]);
      Row range = data.agg(org.apache.spark.sql.functions.min("ts"), org.apache.spark.sql.functions.max("ts")).first();
      LocalDate first = range.getTimestamp(0).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate last = range.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
      List<Fold> folds = WalkForwardSplits.folds(first, last, spec.cv().folds(), spec.cv().minTrainFraction(), spec.cv().purgeDays());
      List<Candidate> candidates = Candidates.all(spec, workers.threadsPerWorker());
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        int before = jobs.get();
        double c0 = cpu();
        long t0 = System.nanoTime();
        CvResult cv = WalkForwardCv.run(data, candidates, folds, spec.qlikeFloor(), threads);
        double s = (System.nanoTime() - t0) / 1e9;
        times.add(s);
        System.out.printf("TIMING cv %s threads %d: %.2f s, cpu %.2f s, %d jobs, best %s %s%n", engine, threads, s, cpu() - c0,
            jobs.get() - before,
            cv.best("qlike"), cv.means().get(cv.best("qlike")));
        cv.release();
      }
    }
    spark.stop();
  }
}
