package io.coinlake.features;

import io.coinlake.lake.Columns;

/**
 * The numeric outputs of {@link VolatilityKernel}, in output-column order: the 13 model
 * features, then the label. The ordinal is the index into {@link VolatilityKernel.Result}.
 */
public enum VolatilityColumn {
  LOG_RETURN(Columns.LOG_RETURN),
  RV_SHORT(Columns.RV_7),
  RV_LONG(Columns.RV_30),
  PARKINSON(Columns.PARKINSON_7),
  GARMAN_KLASS(Columns.GARMAN_KLASS_7),
  HAR_D(Columns.HAR_RV_D),
  HAR_W(Columns.HAR_RV_W),
  HAR_M(Columns.HAR_RV_M),
  VOLUME_Z(Columns.VOLUME_Z_30),
  RSI(Columns.RSI_14),
  SMA_RATIO(Columns.CLOSE_SMA_RATIO_30),
  EMA_RATIO(Columns.CLOSE_EMA_RATIO_12),
  RV_LAST_H(Columns.RV_LAST_H),
  LABEL(Columns.LABEL);

  private final String columnName;

  VolatilityColumn(String columnName) {
    this.columnName = columnName;
  }

  /** The lake column name (from {@link Columns}). */
  public String columnName() {
    return columnName;
  }

  /** True for the model inputs, false for the label. */
  public boolean isFeature() {
    return this != LABEL;
  }
}
