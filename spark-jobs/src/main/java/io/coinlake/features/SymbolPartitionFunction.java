package io.coinlake.features;

import io.coinlake.lake.Columns;
import io.coinlake.lake.RunIterator;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs {@link VolatilityKernel} over a partition sorted by (symbol, ts), one symbol at a time,
 * and adds label_end_ts: the ts of row t + horizon, where row t's label window ends (null
 * without a label), so no second pass (a SQL {@code lead} window) is needed.
 *
 * <p>Input rows are (symbol, ts, open, high, low, close, volume, stale) in that order, as
 * selected by {@link VolatilityFeatures#transform}. Memory holds one symbol's rows at a time.
 * Nulls, out-of-contract values and duplicate (symbol, ts) fail the task with the symbol and
 * ts in the message.
 */
final class SymbolPartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final String[] INPUT = {Columns.SYMBOL, Columns.TS, Columns.OPEN, Columns.HIGH,
      Columns.LOW, Columns.CLOSE, Columns.VOLUME, Columns.STALE};
  private static final VolatilityColumn[] OUTPUTS = VolatilityColumn.values();
  private static final int LABEL_INDEX = VolatilityColumn.LABEL.ordinal();

  private final FeatureSpec spec;

  SymbolPartitionFunction(FeatureSpec spec) {
    this.spec = spec;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new SymbolIterator(rows, spec);
  }

  /** Buffers one symbol, computes it, emits it, then moves to the next symbol. */
  private static final class SymbolIterator extends RunIterator<Row> {
    private final FeatureSpec spec;
    private String symbol;
    private Object[] ts = new Object[64];
    private double[] open = new double[64];
    private double[] high = new double[64];
    private double[] low = new double[64];
    private double[] close = new double[64];
    private double[] volume = new double[64];
    private boolean[] stale = new boolean[64];
    private int n;
    private VolatilityKernel.Result result;

    SymbolIterator(Iterator<Row> in, FeatureSpec spec) {
      super(in);
      this.spec = spec;
    }

    @Override
    protected Object key(Row row) {
      return requireNonNull(row, 0, null).getString(0);
    }

    @Override
    protected void startRun(Object key) {
      symbol = (String) key;
      n = 0;
    }

    @Override
    protected int endRun() {
      try {
        result = VolatilityKernel.compute(open, high, low, close, volume, stale, n, spec);
      } catch (VolatilityKernel.BadRowException e) {
        throw new IllegalArgumentException(VolatilityFeatures.INPUT_TABLE + " symbol=" + symbol
            + " ts=" + ts[e.row()] + ": " + e.getMessage(), e);
      }
      return result.size();
    }

    @Override
    protected Row emit(int t) {
      Object[] values = new Object[OUTPUTS.length + 5];
      values[0] = symbol;
      values[1] = ts[t];
      values[2] = close[t];
      for (int i = 0; i < OUTPUTS.length; i++) {
        double v = result.get(OUTPUTS[i])[t];
        values[3 + i] = Double.isNaN(v) ? null : v;
      }
      values[values.length - 2] = result.trainable()[t];
      values[values.length - 1] = values[3 + LABEL_INDEX] == null ? null : ts[t + spec.horizon()];
      return RowFactory.create(values);
    }

    @Override
    protected void add(Row row) {
      Object time = requireNonNull(row, 1, symbol).get(1);
      if (n > 0 && time.equals(ts[n - 1])) {
        throw new IllegalArgumentException("duplicate (symbol, ts) in "
            + VolatilityFeatures.INPUT_TABLE + ": symbol=" + symbol + " ts=" + time
            + "; keep one row per symbol and ts (e.g. filter to one interval) first");
      }
      if (n == close.length) {
        grow();
      }
      ts[n] = time;
      open[n] = requireNonNull(row, 2, symbol).getDouble(2);
      high[n] = requireNonNull(row, 3, symbol).getDouble(3);
      low[n] = requireNonNull(row, 4, symbol).getDouble(4);
      close[n] = requireNonNull(row, 5, symbol).getDouble(5);
      volume[n] = requireNonNull(row, 6, symbol).getDouble(6);
      stale[n] = requireNonNull(row, 7, symbol).getBoolean(7);
      n++;
    }

    private void grow() {
      int size = close.length * 2;
      ts = Arrays.copyOf(ts, size);
      open = Arrays.copyOf(open, size);
      high = Arrays.copyOf(high, size);
      low = Arrays.copyOf(low, size);
      close = Arrays.copyOf(close, size);
      volume = Arrays.copyOf(volume, size);
      stale = Arrays.copyOf(stale, size);
    }

    private static Row requireNonNull(Row row, int field, String symbol) {
      if (row.isNullAt(field)) {
        throw new IllegalArgumentException("null " + INPUT[field] + " in "
            + VolatilityFeatures.INPUT_TABLE + " (symbol=" + symbol + ", ts="
            + (row.isNullAt(1) ? null : row.get(1)) + ")");
      }
      return row;
    }
  }
}
