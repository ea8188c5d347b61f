package io.coinlake.monitor;

/**
 * Equal-width bin edges as numpy makes them, so binned tests and charts cut where Evidently's
 * would: edges[i] = lo + i * ((hi - lo) / bins), the last edge exactly hi (np.linspace); a value
 * belongs to [edges[i], edges[i+1]), the last bin also holds hi. A constant sample (lo == hi)
 * gets the range [lo - 0.5, hi + 0.5].
 */
public final class BinEdges {
  private BinEdges() {}

  /** {@code bins} equal-width bins over [lo, hi] (np.histogram_bin_edges(a, bins=bins)). */
  public static double[] equalWidth(double lo, double hi, int bins) {
    if (!(Double.isFinite(lo) && Double.isFinite(hi)) || lo > hi || bins < 1) {
      throw new IllegalArgumentException("bin range must be finite with lo <= hi and bins >= 1, got [" + lo + ", " + hi + "], " + bins);
    }
    if (lo == hi) {
      lo -= 0.5;
      hi += 0.5;
    }
    double[] edges = new double[bins + 1];
    double step = (hi - lo) / bins;
    for (int i = 0; i < bins; i++) {
      edges[i] = i * step + lo;
    }
    edges[bins] = hi;
    return edges;
  }

  /**
   * Sturges' rule over {@code size} values spanning [lo, hi] (np.histogram_bin_edges(a,
   * bins="sturges")): width = (hi - lo) / (log2(size) + 1), ceil((hi - lo) / width) bins.
   */
  public static double[] sturges(double lo, double hi, long size) {
    if (size < 1) {
      throw new IllegalArgumentException("Sturges' rule needs at least one value");
    }
    double width = (hi - lo) / (Math.log(size) / Math.log(2) + 1.0);
    int bins = width > 0 ? (int) Math.ceil((hi - lo) / width) : 1;
    return equalWidth(lo, hi, bins);
  }

  /** The bin of a value inside [edges[0], edges[last]] (binary search; the top edge goes to the last bin). */
  public static int binOf(double[] edges, double value) {
    int lo = 0;
    int hi = edges.length - 2;
    if (value >= edges[hi]) {
      return hi;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (edges[mid] <= value) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
