package io.coinlake.features;

import java.util.Arrays;

/**
 * Computes every volatility feature, the label and the trainable flag for ONE symbol, from
 * primitive arrays, in one forward pass plus one backward pass (O(n) time, O(n) output).
 *
 * <p>Contract:
 * <ul>
 *   <li>Rows are one symbol's, sorted by ts ascending, one row per ts. Gaps in the dates are
 *       not filled: a return is always taken against the previous <em>available</em> row, and
 *       every window counts rows, not calendar days.</li>
 *   <li>Features at row t read rows 0..t only; only the label (and trainable) look at t+1..t+h.</li>
 *   <li>{@code NaN} in the result means SQL null. Inputs are validated (prices finite and
 *       &gt; 0, volume finite and &gt;= 0), so no computed value is NaN by accident.</li>
 *   <li>label[t] is bit-for-bit rv_last_h[t+h]: both are the root of the sum of the same h
 *       squared returns r[t+1..t+h].</li>
 * </ul>
 * Definitions are in the Javadoc of {@link VolatilityFeatures}.
 */
public final class VolatilityKernel {
  private static final double LN2 = Math.log(2.0);
  private static final double GK_CLOSE_OPEN_WEIGHT = 2.0 * LN2 - 1.0;
  private static final double PARKINSON_DENOMINATOR = 4.0 * LN2;
  private static final int FEATURE_COUNT = VolatilityColumn.LABEL.ordinal();

  private VolatilityKernel() {}

  /** Output of one symbol: one array per {@link VolatilityColumn} plus the trainable flags. */
  public static final class Result {
    private final double[][] values;
    private final boolean[] trainable;

    private Result(double[][] values, boolean[] trainable) {
      this.values = values;
      this.trainable = trainable;
    }

    /** Values of one output column, NaN = null. The array is owned by this result. */
    public double[] get(VolatilityColumn column) {
      return values[column.ordinal()];
    }

    public boolean[] trainable() {
      return trainable;
    }

    public int size() {
      return trainable.length;
    }
  }

  /** Thrown for an input value outside its contract; {@link #row()} is the index in the arrays. */
  public static final class BadRowException extends IllegalArgumentException {
    private final int row;

    BadRowException(int row, String message) {
      super(message);
      this.row = row;
    }

    public int row() {
      return row;
    }
  }

  /**
   * Computes the first {@code n} rows of the arrays (which may be longer, e.g. reused buffers).
   *
   * @throws BadRowException when a price is not finite and &gt; 0 or a volume not finite and &gt;= 0
   */
  public static Result compute(double[] open, double[] high, double[] low, double[] close,
      double[] volume, boolean[] stale, int n, FeatureSpec spec) {
    double[][] out = new double[VolatilityColumn.values().length][n];
    for (double[] column : out) {
      Arrays.fill(column, Double.NaN);
    }
    forwardPass(open, high, low, close, volume, n, spec, out);
    boolean[] trainable = backwardPass(stale, n, spec.horizon(), out);
    return new Result(out, trainable);
  }

  private static void forwardPass(double[] open, double[] high, double[] low, double[] close,
      double[] volume, int n, FeatureSpec spec, double[][] out) {
    final int shortW = spec.shortWindow();
    final int longW = spec.longWindow();
    final int rsiP = spec.rsiPeriod();
    final double alpha = 2.0 / (spec.emaSpan() + 1.0);

    RollingSum r2Short = new RollingSum(shortW);
    RollingSum r2Long = new RollingSum(longW);
    RollingSum r2Horizon = new RollingSum(spec.horizon());
    RollingSum parkinson = new RollingSum(shortW);
    RollingSum garmanKlass = new RollingSum(shortW);
    RollingSum closes = new RollingSum(longW);
    RollingMoments logVolume = new RollingMoments(longW);
    double prevLogVolume = Double.NaN;
    int equalLogVolumeRun = 0; // rows ending at t whose ln(1+volume) equals row t's
    double ema = Double.NaN;
    double gainSum = 0.0;
    double lossSum = 0.0;
    double avgGain = Double.NaN;
    double avgLoss = Double.NaN;

    for (int t = 0; t < n; t++) {
      validate(t, open[t], high[t], low[t], close[t], volume[t]);
      final double c = close[t];

      // returns: r[t] vs the previous available row; windows hold returns only (no null at t=0)
      if (t > 0) {
        double r = Math.log(c / close[t - 1]);
        double r2 = r * r;
        out[VolatilityColumn.LOG_RETURN.ordinal()][t] = r;
        out[VolatilityColumn.HAR_D.ordinal()][t] = Math.abs(r);
        r2Short.push(r2);
        r2Long.push(r2);
        r2Horizon.push(r2);
        if (r2Short.isFull()) {
          double s = r2Short.sum();
          out[VolatilityColumn.RV_SHORT.ordinal()][t] = Math.sqrt(s);
          out[VolatilityColumn.HAR_W.ordinal()][t] = Math.sqrt(s / shortW);
        }
        if (r2Long.isFull()) {
          double s = r2Long.sum();
          out[VolatilityColumn.RV_LONG.ordinal()][t] = Math.sqrt(s);
          out[VolatilityColumn.HAR_M.ordinal()][t] = Math.sqrt(s / longW);
        }
        if (r2Horizon.isFull()) {
          out[VolatilityColumn.RV_LAST_H.ordinal()][t] = Math.sqrt(r2Horizon.sum());
        }
      }

      // range estimators over the last shortW rows
      double hl = Math.log(high[t] / low[t]);
      double co = Math.log(c / open[t]);
      parkinson.push(hl * hl);
      garmanKlass.push(0.5 * hl * hl - GK_CLOSE_OPEN_WEIGHT * co * co);
      if (parkinson.isFull()) {
        out[VolatilityColumn.PARKINSON.ordinal()][t] =
            Math.sqrt(parkinson.mean() / PARKINSON_DENOMINATOR);
        out[VolatilityColumn.GARMAN_KLASS.ordinal()][t] =
            Math.sqrt(Math.max(0.0, garmanKlass.mean()));
      }

      // volume z-score; a window of identical values has sd exactly 0 (no rounding residue)
      double x = Math.log1p(volume[t]);
      equalLogVolumeRun = x == prevLogVolume ? equalLogVolumeRun + 1 : 1;
      prevLogVolume = x;
      logVolume.push(x);
      if (logVolume.isFull() && equalLogVolumeRun < longW) {
        double variance = logVolume.sampleVariance();
        if (variance > 0.0) {
          out[VolatilityColumn.VOLUME_Z.ordinal()][t] =
              (x - logVolume.mean()) / Math.sqrt(variance);
        }
      }

      closes.push(c);
      if (closes.isFull()) {
        out[VolatilityColumn.SMA_RATIO.ordinal()][t] = c / closes.mean();
      }

      ema = t == 0 ? c : alpha * c + (1.0 - alpha) * ema;
      if (t >= spec.emaSpan() - 1) {
        out[VolatilityColumn.EMA_RATIO.ordinal()][t] = c / ema;
      }

      // Wilder RSI on close changes: simple mean of the first rsiP changes, then smoothing
      if (t > 0) {
        double change = c - close[t - 1];
        double gain = Math.max(change, 0.0);
        double loss = Math.max(-change, 0.0);
        if (t < rsiP) {
          gainSum += gain;
          lossSum += loss;
        } else if (t == rsiP) {
          avgGain = (gainSum + gain) / rsiP;
          avgLoss = (lossSum + loss) / rsiP;
        } else {
          avgGain = (avgGain * (rsiP - 1) + gain) / rsiP;
          avgLoss = (avgLoss * (rsiP - 1) + loss) / rsiP;
        }
        if (t >= rsiP) {
          out[VolatilityColumn.RSI.ordinal()][t] = rsi(avgGain, avgLoss);
        }
      }
    }
  }

  /** label[t] = rv_last_h[t + h]; trainable needs the label, no stale row in t+1..t+h, all features. */
  private static boolean[] backwardPass(boolean[] stale, int n, int h, double[][] out) {
    double[] rvLastH = out[VolatilityColumn.RV_LAST_H.ordinal()];
    double[] label = out[VolatilityColumn.LABEL.ordinal()];
    boolean[] trainable = new boolean[n];
    int nextStale = Integer.MAX_VALUE; // smallest stale row index > t
    for (int t = n - 1; t >= 0; t--) {
      if (t + h < n) {
        label[t] = rvLastH[t + h];
      }
      boolean staleAhead = nextStale <= t + h;
      trainable[t] = !Double.isNaN(label[t]) && !staleAhead && allFeaturesPresent(out, t);
      if (stale[t]) {
        nextStale = t;
      }
    }
    return trainable;
  }

  private static boolean allFeaturesPresent(double[][] out, int t) {
    for (int f = 0; f < FEATURE_COUNT; f++) {
      if (Double.isNaN(out[f][t])) {
        return false;
      }
    }
    return true;
  }

  static double rsi(double avgGain, double avgLoss) {
    if (avgLoss == 0.0) {
      return avgGain == 0.0 ? 50.0 : 100.0;
    }
    return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
  }

  private static void validate(int t, double o, double h, double l, double c, double v) {
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && Double.isFinite(o) && Double.isFinite(h)
        && Double.isFinite(l) && Double.isFinite(c))) {
      throw new BadRowException(t, "open/high/low/close must be finite and > 0, got "
          + o + "/" + h + "/" + l + "/" + c);
    }
    if (!(v >= 0 && Double.isFinite(v))) {
      throw new BadRowException(t, "volume must be finite and >= 0, got " + v);
    }
  }
}
