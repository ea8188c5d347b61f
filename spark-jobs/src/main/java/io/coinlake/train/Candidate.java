package io.coinlake.train;

import static io.coinlake.lake.Columns.LABEL;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.ln;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A model to cross-validate: a name, its parameters (logged to MLflow), the columns its fitted
 * model reads ({@code inputColumns}, the MLmodel signature) and an unfitted Spark ML pipeline
 * whose fitted model adds a positive {@code prediction} column on the label's scale.
 * {@code baseline} marks the honest reference models GBT must beat. With {@code logTarget} the
 * pipeline learns ln(label) from a {@value Candidates#LOG_LABEL} column that {@link #fit} adds to the
 * training rows only, so the fitted model never needs the label to predict.
 */
public record Candidate(String name, String family, boolean baseline, Map<String, String> params, List<String> inputColumns,
    boolean logTarget, Pipeline pipeline) {

  public Candidate {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    inputColumns = List.copyOf(inputColumns);
  }

  /**
   * Fits the pipeline on these rows (which must carry the label). A pipeline whose estimator
   * {@link ReadsInputColumns} is fitted stage by stage: the transformers before it are kept for
   * scoring but not run on the training rows.
   */
  public PipelineModel fit(Dataset<Row> trainingRows) {
    Dataset<Row> rows = logTarget ? trainingRows.withColumn(Candidates.LOG_LABEL, ln(col(LABEL))) : trainingRows;
    PipelineStage[] stages = pipeline.getStages();
    if (Arrays.stream(stages).noneMatch(ReadsInputColumns.class::isInstance)) {
      return pipeline.fit(rows);
    }
    Transformer[] fitted = new Transformer[stages.length];
    for (int i = 0; i < stages.length; i++) {
      fitted[i] = stages[i] instanceof ReadsInputColumns ? ((Estimator<?>) stages[i]).fit(rows) : (Transformer) stages[i];
    }
    return new PipelineModel(pipeline.uid(), fitted);
  }
}
