package io.coinlake.synth;

/**
 * One coin's model parameters, drawn from its own random stream so every coin differs.
 *
 * <p>Daily log return {@code r_t = drift + sigma_t * e_t}, where {@code e_t = rho * m_t +
 * sqrt(1 - rho^2) * z_t} mixes the market's shock {@code m_t} with the coin's own Student-t shock
 * (both unit variance), and {@code sigma_t^2} follows GARCH(1,1): {@code h_{t+1} = omega + alpha *
 * (sigma_t e_t)^2 + beta * h_t} with {@code omega = longRunVol^2 (1 - alpha - beta)}.
 * Log volume is {@code volumeLevel + volumeVolElasticity * ln(sigma_t / longRunVol) +
 * volumeShockLoading * (|e_t| - 0.8) + u_t}, with {@code u_t} an AR(1) noise of stationary
 * standard deviation {@code volumeNoise} and coefficient {@code volumeAr}.
 */
public record CoinParameters(
    double startPrice,
    double drift,
    double longRunVol,
    double alpha,
    double beta,
    double tailDf,
    double marketLoading,
    double volumeLevel,
    double volumeVolElasticity,
    double volumeShockLoading,
    double volumeNoise,
    double volumeAr) {

  public CoinParameters {
    if (!(startPrice > 0) || !(longRunVol > 0) || !(alpha >= 0) || !(beta >= 0) || !(alpha + beta < 1)
        || !(tailDf > 2) || !(marketLoading >= -1 && marketLoading <= 1) || !(volumeNoise >= 0) || !(volumeAr >= 0 && volumeAr < 1)) {
      throw new IllegalArgumentException("coin parameters out of range: " + startPrice + ", vol " + longRunVol
          + ", alpha " + alpha + ", beta " + beta + ", df " + tailDf + ", rho " + marketLoading);
    }
  }

  /** Parameters spread like real coins': daily vol 2-7%, persistent vol clusters, fat tails, volumes over five decades. */
  public static CoinParameters draw(SeededRandom rng) {
    double startPrice = rng.logUniform(0.01, 20_000);
    double drift = Math.max(-0.0006, Math.min(0.0015, 0.0003 + 0.0004 * rng.nextGaussian()));
    double longRunVol = rng.logUniform(0.02, 0.07);
    double alpha = rng.uniform(0.05, 0.15);
    double persistence = rng.uniform(0.93, 0.99);
    double tailDf = rng.uniform(3.5, 8);
    double marketLoading = rng.uniform(0.3, 0.8);
    double volumeLevel = StrictMath.log(rng.logUniform(1e5, 1e10));
    double elasticity = rng.uniform(0.8, 1.5);
    double shockLoading = rng.uniform(0.2, 0.5);
    double noise = rng.uniform(0.2, 0.5);
    double ar = rng.uniform(0.5, 0.9);
    return new CoinParameters(startPrice, drift, longRunVol, alpha, persistence - alpha, tailDf, marketLoading,
        volumeLevel, elasticity, shockLoading, noise, ar);
  }

  public double omega() {
    return longRunVol * longRunVol * (1 - alpha - beta);
  }
}
