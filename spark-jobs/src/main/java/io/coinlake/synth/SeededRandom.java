package io.coinlake.synth;

/**
 * A small deterministic random source: xoshiro256** seeded through SplitMix64, with the
 * distributions the market model needs. Everything is computed with {@link StrictMath} and
 * IEEE arithmetic, so one seed gives the same numbers on every JVM, platform and thread
 * schedule. Not thread-safe: each coin gets its own stream ({@link #stream}).
 */
public final class SeededRandom {
  private static final double TWO_POW_53 = 0x1.0p-53;
  private long s0;
  private long s1;
  private long s2;
  private long s3;
  private double spareGaussian;
  private boolean hasSpare;

  private SeededRandom(long seed) {
    long x = seed;
    x += 0x9E3779B97F4A7C15L;
    s0 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s1 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s2 = mix(x);
    x += 0x9E3779B97F4A7C15L;
    s3 = mix(x);
  }

  /** The independent stream number {@code index} of {@code seed} (0 is the market, 1.. the coins). */
  public static SeededRandom stream(long seed, long index) {
    return new SeededRandom(mix(mix(seed) ^ (index * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finalizer: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * TWO_POW_53;
  }

  /** Uniform in (0, 1]: safe to take the log of. */
  public double nextOpenDouble() {
    return ((nextLong() >>> 11) + 1) * TWO_POW_53;
  }

  public double uniform(double low, double high) {
    return low + (high - low) * nextDouble();
  }

  /** exp of a uniform on [ln low, ln high]: scale-free values such as prices and volumes. */
  public double logUniform(double low, double high) {
    return StrictMath.exp(uniform(StrictMath.log(low), StrictMath.log(high)));
  }

  /** Standard normal (Marsaglia's polar method). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * scale;
    hasSpare = true;
    return u * scale;
  }

  /** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang). */
  public double nextGamma(double shape) {
    if (!(shape >= 1)) {
      throw new IllegalArgumentException("gamma shape must be >= 1, got " + shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = nextOpenDouble();
      double x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || StrictMath.log(u) < 0.5 * x2 + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /** Student-t with {@code df} > 2 degrees of freedom, scaled to unit variance. */
  public double nextUnitStudentT(double df) {
    if (!(df > 2)) {
      throw new IllegalArgumentException("a unit-variance Student-t needs df > 2, got " + df);
    }
    double chiSquare = 2 * nextGamma(df / 2);
    return nextGaussian() * StrictMath.sqrt((df - 2) / chiSquare);
  }
}
