package io.coinlake.features;

/**
 * Mean and sample variance of the last {@code window} values pushed, by a rolling Welford
 * update (add the new value and remove the oldest in one step), O(1) per push.
 *
 * <p>Invariant: the mean and M2 are re-derived exactly (two passes over the ring) once every
 * {@code window} slides, and whenever M2 has fallen below {@value #COLLAPSE} of its peak since the
 * last re-derivation (the variance collapsed, so the add/remove residue of the larger values
 * would dominate). Both cost O(1) amortised and keep the relative error near machine precision
 * however long the series is.
 */
final class RollingMoments {
  private static final double COLLAPSE = 1e-4;
  private final double[] ring;
  private int size;
  private int next;
  private int slidesSinceAnchor;
  private double mean;
  private double m2;
  private double peakM2;

  RollingMoments(int window) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be >= 2, got " + window);
    }
    this.ring = new double[window];
  }

  void push(double x) {
    if (size < ring.length) {
      size++;
      double delta = x - mean;
      mean += delta / size;
      m2 += delta * (x - mean);
    } else {
      double old = ring[next];
      double oldMean = mean;
      mean += (x - old) / size;
      m2 += (x - old) * (x - mean + old - oldMean);
    }
    ring[next] = x;
    next = next + 1 == ring.length ? 0 : next + 1;
    peakM2 = Math.max(peakM2, m2);
    if (size == ring.length && (++slidesSinceAnchor >= ring.length || m2 < peakM2 * COLLAPSE)) {
      reanchor();
    }
  }

  boolean isFull() {
    return size == ring.length;
  }

  double mean() {
    return mean;
  }

  /** Sample variance (n - 1 denominator), never negative. */
  double sampleVariance() {
    return Math.max(0.0, m2) / (size - 1);
  }

  private void reanchor() {
    double s = 0.0;
    for (int i = 0; i < size; i++) {
      s += ring[i];
    }
    double m = s / size;
    double ss = 0.0;
    for (int i = 0; i < size; i++) {
      double d = ring[i] - m;
      ss += d * d;
    }
    mean = m;
    m2 = ss;
    peakM2 = ss;
    slidesSinceAnchor = 0;
  }
}
