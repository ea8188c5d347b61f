package io.coinlake.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The market has the properties it promises: valid candles, volatility clusters, fat tails, volume following moves. */
class SyntheticMarketTest {
  private static final MarketSpec SPEC = new MarketSpec(8, 2000, 7);
  private static final SyntheticMarket MARKET = new SyntheticMarket(SPEC);

  @Test
  void candlesArePositiveConsistentAndChained() {
    for (int i = 0; i < SPEC.coins(); i++) {
      Candles c = MARKET.coin(i);
      assertEquals(SPEC.days(), c.days());
      assertEquals(SPEC.symbol(i), c.symbol());
      for (int t = 0; t < c.days(); t++) {
        String at = c.symbol() + " day " + t;
        assertTrue(c.low()[t] > 0, at);
        assertTrue(c.low()[t] <= Math.min(c.open()[t], c.close()[t]), at);
        assertTrue(c.high()[t] >= Math.max(c.open()[t], c.close()[t]), at);
        assertTrue(c.volume()[t] > 0 && Double.isFinite(c.volume()[t]), at);
        assertTrue(Double.isFinite(c.high()[t]), at);
        if (t > 0) {
          assertEquals(c.close()[t - 1], c.open()[t], at);
        }
      }
      for (double r : c.logReturns()) {
        assertTrue(Math.abs(r) < 2, c.symbol() + ": a log return of " + r + " would be a glitch to the contract");
      }
    }
  }

  @Test
  void volatilityClustersAbsoluteReturnsAreAutocorrelatedReturnsAreNot() {
    double absAcf = 0;
    double acf = 0;
    for (int i = 0; i < SPEC.coins(); i++) {
      double[] r = MARKET.coin(i).logReturns();
      double[] abs = Arrays.stream(r).map(Math::abs).toArray();
      double coinAbs = meanAcf(abs, 10);
      double coinRaw = meanAcf(r, 10);
      assertTrue(coinAbs > coinRaw, SPEC.symbol(i) + ": acf |r| " + coinAbs + " <= acf r " + coinRaw);
      absAcf += coinAbs / SPEC.coins();
      acf += coinRaw / SPEC.coins();
    }
    assertTrue(absAcf > 0.08, "mean acf(|r|) over lags 1..10: " + absAcf);
    assertTrue(Math.abs(acf) < 0.03, "mean acf(r) over lags 1..10: " + acf);
  }

  @Test
  void returnsHaveFatTails() {
    for (int i = 0; i < SPEC.coins(); i++) {
      double k = kurtosis(MARKET.coin(i).logReturns());
      assertTrue(k > 4, SPEC.symbol(i) + " kurtosis " + k);
    }
  }

  @Test
  void volumeRisesWithTheSizeOfTheMove() {
    for (int i = 0; i < SPEC.coins(); i++) {
      Candles c = MARKET.coin(i);
      double[] abs = Arrays.stream(c.logReturns()).map(Math::abs).toArray();
      double corr = correlation(c.volume(), abs);
      double logCorr = correlation(Arrays.stream(c.volume()).map(Math::log).toArray(), abs);
      assertTrue(corr > 0.1, SPEC.symbol(i) + " corr(volume, |r|) " + corr);
      assertTrue(logCorr > 0.2, SPEC.symbol(i) + " corr(ln volume, |r|) " + logCorr);
    }
  }

  @Test
  void coinsDifferFromEachOtherAndShareAMarketFactor() {
    double[] a = MARKET.coin(0).logReturns();
    double[] b = MARKET.coin(1).logReturns();
    assertNotEquals(MARKET.parameters(0), MARKET.parameters(1));
    double corr = correlation(a, b);
    assertTrue(corr > 0.05 && corr < 0.9, "corr of two coins' returns " + corr);
  }

  @Test
  void aCoinDependsOnlyOnTheSeedAndItsIndex() {
    SyntheticMarket again = new SyntheticMarket(SPEC);
    Candles late = again.coin(5);
    Candles early = MARKET.coin(5);
    assertArrayEquals(early.close(), late.close());
    assertArrayEquals(early.high(), late.high());
    assertArrayEquals(early.volume(), late.volume());
    // a bigger market with the same seed has the same first coins' parameters
    assertEquals(MARKET.parameters(2), new SyntheticMarket(new MarketSpec(50, 2000, 7)).parameters(2));
  }

  @Test
  void anotherSeedGivesAnotherMarket() {
    Candles other = new SyntheticMarket(new MarketSpec(8, 2000, 8)).coin(0);
    assertFalse(Arrays.equals(MARKET.coin(0).close(), other.close()));
  }

  @Test
  void parametersStayInTheirRanges() {
    for (int i = 0; i < 200; i++) {
      CoinParameters p = CoinParameters.draw(SeededRandom.stream(99, i));
      assertTrue(p.startPrice() >= 0.01 && p.startPrice() <= 20_000, p.toString());
      assertTrue(p.longRunVol() >= 0.02 && p.longRunVol() <= 0.07, p.toString());
      assertTrue(p.alpha() + p.beta() >= 0.93 && p.alpha() + p.beta() < 0.99, p.toString());
      assertTrue(p.tailDf() >= 3.5 && p.tailDf() <= 8, p.toString());
      assertTrue(p.drift() >= -0.0006 && p.drift() <= 0.0015, p.toString());
    }
  }

  @Test
  void specsOutOfRangeAreRefusedWithTheOptionNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MarketSpec(0, 10, 1)).getMessage().contains("--coins"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new MarketSpec(3, 1, 1)).getMessage().contains("--days"));
  }

  @Test
  void specNamesSymbolsFilesAndDates() {
    MarketSpec spec = new MarketSpec(12_000, 5000, 42);
    assertEquals("C00001", spec.symbol(0));
    assertEquals("C12000-USD_1d.csv", spec.fileName(11_999));
    assertEquals("C0003", new MarketSpec(3, 10, 1).symbol(2));
    assertEquals("c12000-d5000-s42", spec.name());
    assertEquals(60_000_000L, spec.rows());
    assertEquals("2024-12-22", new MarketSpec(1, 10, 1).firstDay().toString());
  }

  static double meanAcf(double[] x, int lags) {
    double mean = Arrays.stream(x).average().orElseThrow();
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double sum = 0;
    for (int lag = 1; lag <= lags; lag++) {
      double cov = 0;
      for (int t = lag; t < x.length; t++) {
        cov += (x[t] - mean) * (x[t - lag] - mean);
      }
      sum += cov / var;
    }
    return sum / lags;
  }

  static double kurtosis(double[] x) {
    double mean = Arrays.stream(x).average().orElseThrow();
    double m2 = 0;
    double m4 = 0;
    for (double v : x) {
      double d = (v - mean) * (v - mean);
      m2 += d;
      m4 += d * d;
    }
    m2 /= x.length;
    m4 /= x.length;
    return m4 / (m2 * m2);
  }

  static double correlation(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
