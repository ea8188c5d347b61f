package io.coinlake.train;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted candidate's predictions of a fold's validation rows: {@code model.transform}, except
 * for a pipeline with an XGBoost model, whose booster predicts batches of the feature columns
 * directly. XGBoost4J-Spark's own transform turns every row, all its columns and the assembled
 * vector included, into a Java Row and back, one feature vector at a time, which at 10M rows took
 * most of a fold's 11-15 s metrics job. The predictions are the same floats: the same booster
 * predicts the same values (the assembler's inputs as floats, 0.0 missing) from a dense matrix.
 * The stages after the XGBoost model (exp back to the label's scale) run as usual.
 */
final class CvPredictions {
  /** Rows per native matrix. */
  static final int BATCH_ROWS = 65_536;
  /** The columns a fold's predictions keep besides the prediction. */
  static final List<String> KEPT = List.of(SYMBOL, TS, LABEL);

  private CvPredictions() {}

  /** {@link #KEPT} columns of {@code rows} plus the model's {@code prediction}. */
  static Dataset<Row> of(PipelineModel model, Dataset<Row> rows) {
    Transformer[] stages = model.stages();
    for (int k = 1; k < stages.length; k++) {
      if (stages[k] instanceof XGBoostRegressionModel xgb && stages[k - 1] instanceof VectorAssembler assembler) {
        Dataset<Row> predicted = boosterPredictions(xgb, assembler.getInputCols(), rows);
        for (int next = k + 1; next < stages.length; next++) {
          predicted = stages[next].transform(predicted);
        }
        return predicted.select(kept(col(PREDICTION)));
      }
    }
    return model.transform(rows).select(kept(col(PREDICTION)));
  }

  /** The kept columns, then {@code more}. */
  private static Column[] kept(Column... more) {
    List<Column> out = new ArrayList<>();
    KEPT.forEach(c -> out.add(col(c)));
    out.addAll(Arrays.asList(more));
    return out.toArray(Column[]::new);
  }

  /** The kept columns and the booster's prediction (as the model's prediction column) of each row. */
  private static Dataset<Row> boosterPredictions(XGBoostRegressionModel xgb, String[] inputs, Dataset<Row> rows) {
    Column[] columns = kept(Arrays.stream(inputs).map(c -> col(c).cast(DataTypes.FloatType)).toArray(Column[]::new));
    StructType schema = new StructType();
    for (String c : KEPT) {
      schema = schema.add(rows.schema().apply(c));
    }
    schema = schema.add(xgb.getPredictionCol(), DataTypes.DoubleType, false);
    // the Scala wrapper, not its Java booster: the wrapper frees the booster when it is collected,
    // and nothing else keeps it once the fitted model is no longer referenced
    ml.dmlc.xgboost4j.scala.Booster booster = xgb.nativeBooster();
    float missing = xgb.getMissing();
    int keptCount = KEPT.size();
    int width = inputs.length;
    MapPartitionsFunction<Row, Row> predict = it -> new Iterator<>() {
      private final List<Row> batch = new ArrayList<>(BATCH_ROWS);
      private final float[] features = new float[BATCH_ROWS * width];
      private Iterator<Row> out = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!out.hasNext() && it.hasNext()) {
          out = nextBatch();
        }
        return out.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return out.next();
      }

      private Iterator<Row> nextBatch() {
        batch.clear();
        while (batch.size() < BATCH_ROWS && it.hasNext()) {
          Row row = it.next();
          int at = batch.size() * width;
          for (int i = 0; i < width; i++) {
            if (row.isNullAt(keptCount + i)) {
              throw new TrainingException("XGBoost cannot predict a row with a null feature " + inputs[i]);
            }
            features[at + i] = row.getFloat(keptCount + i);
          }
          batch.add(row);
        }
        float[][] predictions;
        try {
          DMatrix matrix = new DMatrix(Arrays.copyOf(features, batch.size() * width), batch.size(), width, missing);
          try {
            predictions = booster.booster().predict(matrix);
          } finally {
            matrix.dispose();
          }
        } catch (XGBoostError e) {
          throw new TrainingException("XGBoost could not predict: " + e.getMessage(), e);
        }
        List<Row> result = new ArrayList<>(batch.size());
        for (int r = 0; r < batch.size(); r++) {
          Object[] values = new Object[keptCount + 1];
          for (int c = 0; c < keptCount; c++) {
            values[c] = batch.get(r).get(c);
          }
          values[keptCount] = (double) predictions[r][0];
          result.add(RowFactory.create(values));
        }
        return result.iterator();
      }
    };
    return rows.select(columns).mapPartitions(predict, Encoders.row(schema));
  }
}
