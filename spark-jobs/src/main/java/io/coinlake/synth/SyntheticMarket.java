package io.coinlake.synth;

/**
 * The synthetic market of a {@link MarketSpec}: geometric Brownian motion in log price with
 * GARCH(1,1) stochastic volatility, Student-t shocks partly shared through a market factor,
 * Brownian-bridge highs and lows, and lognormal volume that rises with volatility and with the
 * size of the day's move. Pure and deterministic: coin i depends only on the seed and i (its own
 * random stream plus the shared market shocks), so coins can be simulated in any order or in
 * parallel and the result never changes.
 */
public final class SyntheticMarket {
  /** A day's move is at most this many standard deviations, and daily vol at most {@link #MAX_VOL}: no |log return| reaches 2 (the contract's glitch bound). */
  static final double MAX_SHOCK = 12;
  static final double MAX_VOL = 0.15;
  static final double MARKET_TAIL_DF = 5;
  /** E|e| for the unit-variance shock mix, near sqrt(2/pi); centers the volume response. */
  private static final double MEAN_ABS_SHOCK = 0.8;

  private final MarketSpec spec;
  private final double[] marketShocks;

  public SyntheticMarket(MarketSpec spec) {
    this.spec = spec;
    SeededRandom market = SeededRandom.stream(spec.seed(), 0);
    this.marketShocks = new double[spec.days()];
    for (int t = 0; t < marketShocks.length; t++) {
      marketShocks[t] = market.nextUnitStudentT(MARKET_TAIL_DF);
    }
  }

  public MarketSpec spec() {
    return spec;
  }

  /** The parameters of coin {@code index} (0-based). */
  public CoinParameters parameters(int index) {
    return CoinParameters.draw(coinStream(index));
  }

  /** The candles of coin {@code index} (0-based). */
  public Candles coin(int index) {
    if (index < 0 || index >= spec.coins()) {
      throw new IndexOutOfBoundsException("coin " + index + " of " + spec.coins());
    }
    SeededRandom rng = coinStream(index);
    CoinParameters p = CoinParameters.draw(rng);
    int n = spec.days();
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    double idioWeight = Math.sqrt(1 - p.marketLoading() * p.marketLoading());
    double omega = p.omega();
    double variance = p.longRunVol() * p.longRunVol();
    double volumeNoiseScale = p.volumeNoise() * Math.sqrt(1 - p.volumeAr() * p.volumeAr());
    double volumeNoise = p.volumeNoise() * rng.nextGaussian();
    double price = p.startPrice();
    for (int t = 0; t < n; t++) {
      double sigma = Math.min(Math.sqrt(variance), MAX_VOL);
      double shock = p.marketLoading() * marketShocks[t] + idioWeight * rng.nextUnitStudentT(p.tailDf());
      shock = Math.max(-MAX_SHOCK, Math.min(MAX_SHOCK, shock));
      double move = sigma * shock;
      double r = p.drift() + move;
      // extremes of a Brownian bridge from 0 to r with variance sigma^2 over the day
      double up = 0.5 * (r + Math.sqrt(r * r - 2 * sigma * sigma * StrictMath.log(rng.nextOpenDouble())));
      double down = 0.5 * (r - Math.sqrt(r * r - 2 * sigma * sigma * StrictMath.log(rng.nextOpenDouble())));
      open[t] = price;
      close[t] = price * StrictMath.exp(r);
      high[t] = Math.max(price * StrictMath.exp(up), Math.max(price, close[t]));
      low[t] = Math.min(price * StrictMath.exp(down), Math.min(price, close[t]));
      volumeNoise = p.volumeAr() * volumeNoise + volumeNoiseScale * rng.nextGaussian();
      double logVolume = p.volumeLevel() + p.volumeVolElasticity() * StrictMath.log(sigma / p.longRunVol())
          + p.volumeShockLoading() * (Math.abs(shock) - MEAN_ABS_SHOCK) + volumeNoise;
      volume[t] = StrictMath.exp(logVolume);
      variance = Math.min(omega + p.alpha() * move * move + p.beta() * variance, MAX_VOL * MAX_VOL);
      price = close[t];
    }
    return new Candles(spec.symbol(index), open, high, low, close, volume);
  }

  private SeededRandom coinStream(int index) {
    return SeededRandom.stream(spec.seed(), index + 1L);
  }
}
