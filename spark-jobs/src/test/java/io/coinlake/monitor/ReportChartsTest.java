package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportChartsTest {
  private static final double[] EDGES = {0, 1, 2, 3, 4, 5, 6, 7, 8};

  @Test
  void tailsOfAtMostAQuarterPercentInBothWindowsAreNotDrawn() {
    // reference: 1 of 1001 rows in each outer bin; current: 10 of 910 (1.1%) in the last bin
    Histogram h = Histogram.numerical(EDGES, new long[] {1, 0, 500, 400, 99, 0, 0, 1}, new long[] {0, 0, 300, 300, 300, 0, 0, 10});
    assertArrayEquals(new int[] {2, 7}, ReportCharts.visibleBins(h), "the left tail goes; the right holds 1.1% of the current rows");
    assertTrue(ReportCharts.zoomed(h));
  }

  @Test
  void aHistogramWithoutThinTailsIsDrawnWhole() {
    Histogram h = Histogram.numerical(EDGES, new long[] {5, 10, 20, 30, 20, 10, 4, 1}, new long[] {1, 1, 1, 1, 1, 1, 1, 1});
    assertArrayEquals(new int[] {0, 7}, ReportCharts.visibleBins(h));
    assertFalse(ReportCharts.zoomed(h));
  }

  @Test
  void oneFullBinStaysVisible() {
    Histogram h = Histogram.numerical(EDGES, new long[] {0, 0, 0, 7, 0, 0, 0, 0}, new long[] {0, 0, 0, 3, 0, 0, 0, 0});
    assertArrayEquals(new int[] {3, 3}, ReportCharts.visibleBins(h));
  }

  @Test
  void axisRangesAreRoundMultiplesOfAStep() {
    assertArrayEquals(new double[] {-4, 6}, ReportCharts.niceRange(-4, 5.2), 1e-12);
    assertArrayEquals(new double[] {0, 0.3}, ReportCharts.niceRange(0.0012, 0.2634), 1e-12);
    assertArrayEquals(new double[] {-1, 1}, ReportCharts.niceRange(0, 0), 1e-12, "a constant gets a range around it");
    assertArrayEquals(new double[] {4.5, 5.5}, ReportCharts.niceRange(5, 5), 1e-12, "10% either side");
  }
}
