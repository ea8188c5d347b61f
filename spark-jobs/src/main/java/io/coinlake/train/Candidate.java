package io.coinlake.train;

import java.util.Map;
import org.apache.spark.ml.Pipeline;

/**
 * A model to cross-validate: a name, its parameters (logged to MLflow) and an unfitted Spark ML
 * pipeline whose fitted model adds a positive {@code prediction} column on the label's scale.
 * {@code baseline} marks the honest reference models GBT must beat.
 */
public record Candidate(String name, String family, boolean baseline, Map<String, String> params, Pipeline pipeline) {}
