package io.coinlake.monitor;

import static org.apache.spark.sql.functions.col;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The exact two-sample Kolmogorov–Smirnov statistic and first Wasserstein distance of numerical
 * columns, from the merged empirical CDFs, computed in Spark.
 *
 * <p>Precision choice: the statistics are taken over the sorted set of distinct values of
 * reference and current together ({@link ValueTable}), not over quantile bins. Binning would
 * bound the error by the bin width, and a KS p-value for small samples is sensitive to a single
 * step of the ECDF; over distinct values both statistics equal what scipy's {@code ks_2samp} and
 * {@code wasserstein_distance} return on the raw arrays. The KS statistic is kept as the integer
 * max |cumRef * m - cumCur * n| (no rounding at all); the Wasserstein area is a compensated sum
 * of |F_ref - F_cur| times the gap to the next value.
 *
 * <p>How, without collecting the values: the table is range-partitioned and sorted by (column,
 * value) and cached. Pass 1 returns, for every partition, each column's segment totals and first
 * value (a few numbers per partition). The driver turns them into each segment's starting
 * cumulative counts and the first value after it. Pass 2 walks each segment from those offsets
 * and returns its maximum ECDF gap and its area. Pass 2 re-checks the segment totals, so a cache
 * that changed between the passes fails loudly instead of giving a wrong statistic.
 */
final class EcdfScan {
  /** A column's KS statistic (scaled by n m) and its unnormalised Wasserstein distance. */
  record Result(long scaledD, double wasserstein) {}

  /** What pass 1 learns of one column's run of values inside one partition. */
  record Segment(int partition, int column, double first, long reference, long current) implements Serializable {}

  /** Where a segment starts: the counts before it, the first value after it (NaN: none). */
  record Start(long reference, long current, double nextValue) implements Serializable {}

  /** What pass 2 finds in a segment. */
  record Part(int partition, int column, long reference, long current, long maxGap, double area) implements Serializable {}

  private EcdfScan() {}

  /** @param totals per column index: {reference count, current count} of the usable values */
  static Map<Integer, Result> scan(Dataset<Row> valueTable, List<Integer> columns, Map<Integer, long[]> totals) {
    Map<Integer, Result> results = new HashMap<>();
    if (columns.isEmpty()) {
      return results;
    }
    JavaRDD<Row> sorted = valueTable.where(col(ValueTable.COLUMN).isin(columns.toArray()))
        .orderBy(col(ValueTable.COLUMN), col(ValueTable.VALUE))
        .javaRDD().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Segment> segments = sorted.mapPartitionsWithIndex(EcdfScan::summarize, false).collect();
      HashMap<Long, Start> starts = starts(segments, totals);
      HashMap<Integer, long[]> sizes = new HashMap<>(totals);
      List<Part> parts = sorted.mapPartitionsWithIndex((partition, rows) -> walk(partition, rows, starts, sizes), false).collect();
      check(segments, parts);
      for (int column : columns) {
        long maxGap = 0;
        Sum area = new Sum();
        for (Part part : parts) {
          if (part.column() == column) {
            maxGap = Math.max(maxGap, part.maxGap());
            area.add(part.area());
          }
        }
        results.put(column, new Result(maxGap, area.value()));
      }
      return results;
    } finally {
      sorted.unpersist(false);
    }
  }

  private static Iterator<Segment> summarize(int partition, Iterator<Row> rows) {
    List<Segment> out = new ArrayList<>();
    int column = -1;
    double first = Double.NaN;
    long reference = 0;
    long current = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (row.getInt(0) != column) {
        if (column >= 0) {
          out.add(new Segment(partition, column, first, reference, current));
        }
        column = row.getInt(0);
        first = row.getDouble(1);
        reference = 0;
        current = 0;
      }
      reference += row.getLong(2);
      current += row.getLong(3);
    }
    if (column >= 0) {
      out.add(new Segment(partition, column, first, reference, current));
    }
    return out.iterator();
  }

  /** Each segment's starting counts and next value, keyed by {@link #key}; checks the totals. */
  static HashMap<Long, Start> starts(List<Segment> segments, Map<Integer, long[]> totals) {
    Map<Integer, List<Segment>> byColumn = new HashMap<>();
    segments.forEach(s -> byColumn.computeIfAbsent(s.column(), c -> new ArrayList<>()).add(s));
    HashMap<Long, Start> starts = new HashMap<>();
    byColumn.forEach((column, list) -> {
      list.sort(Comparator.comparingInt(Segment::partition));
      long reference = 0;
      long current = 0;
      for (int i = 0; i < list.size(); i++) {
        Segment s = list.get(i);
        double next = i + 1 < list.size() ? list.get(i + 1).first() : Double.NaN;
        starts.put(key(s.partition(), column), new Start(reference, current, next));
        reference += s.reference();
        current += s.current();
      }
      long[] expected = totals.get(column);
      if (expected == null || expected[0] != reference || expected[1] != current) {
        throw new IllegalStateException("ECDF scan of column index " + column + " counted " + reference + "/" + current
            + " values, the value table " + (expected == null ? "none" : expected[0] + "/" + expected[1]));
      }
    });
    return starts;
  }

  private static Iterator<Part> walk(int partition, Iterator<Row> rows, Map<Long, Start> starts, Map<Integer, long[]> sizes) {
    List<Part> out = new ArrayList<>();
    Walker walker = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      int column = row.getInt(0);
      if (walker == null || walker.column != column) {
        if (walker != null) {
          out.add(walker.finish());
        }
        Start start = starts.get(key(partition, column));
        if (start == null) {
          throw new IllegalStateException("the cached ECDF partitions changed between the two passes (partition "
              + partition + ", column index " + column + "); run the report again");
        }
        long[] size = sizes.get(column);
        walker = new Walker(partition, column, start, size[0], size[1]);
      }
      walker.add(row.getDouble(1), row.getLong(2), row.getLong(3));
    }
    if (walker != null) {
      out.add(walker.finish());
    }
    return out.iterator();
  }

  /** Walks one segment: running counts, the largest ECDF gap, the area between the ECDFs. */
  private static final class Walker {
    final int partition;
    final int column;
    final Start start;
    final long n;
    final long m;
    final double nm;
    long cumReference;
    long cumCurrent;
    long seenReference;
    long seenCurrent;
    long maxGap;
    long lastGap;
    double lastValue = Double.NaN;
    final Sum area = new Sum();

    Walker(int partition, int column, Start start, long n, long m) {
      this.partition = partition;
      this.column = column;
      this.start = start;
      this.n = n;
      this.m = m;
      this.nm = (double) n * (double) m;
      Math.multiplyExact(n, m); // the scaled gaps below fit in a long while n*m does
      this.cumReference = start.reference();
      this.cumCurrent = start.current();
    }

    void add(double value, long reference, long current) {
      if (!Double.isNaN(lastValue)) {
        area.add(lastGap / nm * (value - lastValue));
      }
      cumReference += reference;
      cumCurrent += current;
      seenReference += reference;
      seenCurrent += current;
      lastGap = Math.abs(cumReference * m - cumCurrent * n);
      maxGap = Math.max(maxGap, lastGap);
      lastValue = value;
    }

    Part finish() {
      if (!Double.isNaN(start.nextValue())) {
        area.add(lastGap / nm * (start.nextValue() - lastValue));
      }
      return new Part(partition, column, seenReference, seenCurrent, maxGap, area.value());
    }
  }

  private static void check(List<Segment> segments, List<Part> parts) {
    Map<Long, Segment> first = new HashMap<>();
    segments.forEach(s -> first.put(key(s.partition(), s.column()), s));
    for (Part part : parts) {
      Segment s = first.get(key(part.partition(), part.column()));
      if (s == null || s.reference() != part.reference() || s.current() != part.current()) {
        throw new IllegalStateException("the cached ECDF partitions changed between the two passes (partition "
            + part.partition() + ", column index " + part.column() + "); run the report again");
      }
    }
    if (segments.size() != parts.size()) {
      throw new IllegalStateException("the cached ECDF partitions changed between the two passes; run the report again");
    }
  }

  static long key(int partition, int column) {
    return ((long) partition << 32) | (column & 0xffffffffL);
  }

  /** Neumaier's compensated sum. */
  static final class Sum {
    private double sum;
    private double compensation;

    void add(double x) {
      double t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }

    double value() {
      return sum + compensation;
    }
  }
}
