package io.coinlake.features;

/**
 * Sum of the last {@code window} values pushed, updated in O(1) per push.
 *
 * <p>Uses Neumaier-compensated accumulation for both the added and the removed value, so the
 * result does not drift when values span many orders of magnitude (a huge value leaving the
 * window no longer leaves its rounding error behind, as it does with a naive running sum).
 */
final class RollingSum {
  private final double[] ring;
  private int size;
  private int next;
  private double sum;
  private double compensation;

  RollingSum(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    this.ring = new double[window];
  }

  /** Appends {@code x}; once the window is full the oldest value drops out. */
  void push(double x) {
    if (size == ring.length) {
      accumulate(-ring[next]);
    } else {
      size++;
    }
    ring[next] = x;
    next = next + 1 == ring.length ? 0 : next + 1;
    accumulate(x);
  }

  /** True once {@code window} values have been pushed. */
  boolean isFull() {
    return size == ring.length;
  }

  double sum() {
    return sum + compensation;
  }

  /** Mean over the values currently in the window. */
  double mean() {
    return sum() / size;
  }

  private void accumulate(double x) {
    double t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += (sum - t) + x;
    } else {
      compensation += (x - t) + sum;
    }
    sum = t;
  }
}
