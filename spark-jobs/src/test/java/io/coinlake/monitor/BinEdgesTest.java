package io.coinlake.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BinEdgesTest {
  @Test
  void sturgesEdgesAreNumpys() {
    // np.histogram_bin_edges(np.r_[np.arange(0, 30), np.arange(10, 40)], bins="sturges")
    double[] numpy = {0.0, 5.571428571428571, 11.142857142857142, 16.714285714285715, 22.285714285714285,
        27.857142857142854, 33.42857142857143, 39.0};
    assertArrayEquals(numpy, BinEdges.sturges(0, 39, 60), 0.0);
  }

  @Test
  void equalWidthEdgesAndAConstantSample() {
    assertArrayEquals(new double[] {1, 1.5, 2, 2.5, 3}, BinEdges.equalWidth(1, 3, 4), 0.0);
    assertArrayEquals(new double[] {1.5, 2.5}, BinEdges.equalWidth(2, 2, 1), 0.0);
  }

  @Test
  void binsAreHalfOpenExceptTheLast() {
    double[] edges = {0, 1, 2, 3};
    assertEquals(0, BinEdges.binOf(edges, 0));
    assertEquals(0, BinEdges.binOf(edges, 0.999));
    assertEquals(1, BinEdges.binOf(edges, 1));
    assertEquals(2, BinEdges.binOf(edges, 2.5));
    assertEquals(2, BinEdges.binOf(edges, 3));
  }
}
