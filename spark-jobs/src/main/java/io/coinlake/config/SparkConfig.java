package io.coinlake.config;

/**
 * Session settings the CLI applies. There is deliberately no master here: spark-submit sets it
 * on a cluster, and the ./coinlake launcher passes -Dspark.master=local[2] (COINLAKE_MASTER).
 */
public record SparkConfig(int shufflePartitions) {
  public SparkConfig {
    Checks.positive(shufflePartitions, "shufflePartitions");
  }
}
