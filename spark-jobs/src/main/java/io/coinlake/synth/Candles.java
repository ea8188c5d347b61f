package io.coinlake.synth;

/**
 * One coin's daily candles, day 0 first. Invariants (checked by the tests): every price is
 * positive and {@code low <= min(open, close)}, {@code high >= max(open, close)}; volume > 0;
 * each open is the previous close (crypto trades around the clock).
 */
public record Candles(String symbol, double[] open, double[] high, double[] low, double[] close, double[] volume) {
  public Candles {
    int n = open.length;
    if (high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("candle columns of different lengths for " + symbol);
    }
  }

  public int days() {
    return open.length;
  }

  /** Daily log returns close/previous close; entry 0 is close/open of day 0. */
  public double[] logReturns() {
    double[] r = new double[days()];
    for (int t = 0; t < r.length; t++) {
      r[t] = Math.log(close[t] / open[t]);
    }
    return r;
  }
}
