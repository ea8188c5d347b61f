package io.coinlake.monitor;

/**
 * The drift of the model's output: the predictions of the current window against reference
 * predictions, which come from {@code gold.predictions} over the champion's training period when
 * enough were served then, else from the champion's out-of-fold predictions in {@code
 * gold.backtest} ({@code referenceSource} says which). {@code column} is null when the window
 * holds no prediction.
 */
public record PredictionDrift(ColumnReport column, String referenceSource, long referenceRows, long currentRows) {
  public static final String FROM_PREDICTIONS = "gold.predictions";
  public static final String FROM_BACKTEST = "gold.backtest";

  public boolean measured() {
    return column != null;
  }

  public boolean detected() {
    return column != null && column.drift().detected();
  }
}
