package io.coinlake.monitor;

import java.util.List;

/**
 * What the report charts for a column: reference and current counts over the same bins. For a
 * numerical column {@code edges} holds the bins + 1 shared edges (equal width over the finite
 * values of both inputs; a bin is [edge i, edge i+1), the last one also holds the maximum) and
 * {@code categories} is empty; for a categorical column {@code categories} names the bins
 * (every value of either input, sorted) and {@code edges} is empty.
 */
public record Histogram(List<Double> edges, List<String> categories, List<Long> reference, List<Long> current) {
  public Histogram {
    edges = List.copyOf(edges);
    categories = List.copyOf(categories);
    reference = List.copyOf(reference);
    current = List.copyOf(current);
    int bins = edges.isEmpty() ? categories.size() : edges.size() - 1;
    if (reference.size() != bins || current.size() != bins) {
      throw new IllegalArgumentException("a histogram needs one reference and one current count per bin: " + bins
          + " bins, " + reference.size() + " and " + current.size() + " counts");
    }
  }

  public static Histogram numerical(double[] edges, long[] reference, long[] current) {
    return new Histogram(boxed(edges), List.of(), boxed(reference), boxed(current));
  }

  public static Histogram categorical(List<String> categories, long[] reference, long[] current) {
    return new Histogram(List.of(), categories, boxed(reference), boxed(current));
  }

  public boolean isNumerical() {
    return !edges.isEmpty();
  }

  public int bins() {
    return reference.size();
  }

  private static List<Double> boxed(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

  private static List<Long> boxed(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
