package io.coinlake.quality;

import io.coinlake.lake.RunIterator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@link SymbolChecks}' pass over a partition sorted by (symbol, interval, ts, source file, source
 * line): one symbol's rows in memory at a time, each emitted with a pass and a detail column per
 * unique check, then per sequence check.
 *
 * <p>Unique: of the rows with the same key, the first by (source file, source line) passes.
 * Sequence checks walk each (symbol, interval)'s rows that passed every other error check, unique
 * ones included, in ts order; the other rows pass them.
 */
final class SymbolChecksFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Where the input row holds what the checks read; {@code rowOkPasses}: the pass columns of the other error checks. */
  record Layout(int symbol, int interval, int ts, int close, int sourceFile, int sourceLine, int[] rowOkPasses)
      implements Serializable {}

  /** A unique check: an error check or not, whether its key has interval and ts besides the symbol, its failure detail. */
  record Unique(boolean error, boolean hasInterval, boolean hasTs, String reason) implements Serializable {}

  /** A sequence check: glitch (with its bound) or stale (with its least run). */
  record Sequence(boolean glitch, double maxAbsLogReturn, int minRun) implements Serializable {}

  private final Layout layout;
  private final List<Unique> unique;
  private final List<Sequence> sequence;

  SymbolChecksFunction(Layout layout, List<Unique> unique, List<Sequence> sequence) {
    this.layout = layout;
    this.unique = List.copyOf(unique);
    this.sequence = List.copyOf(sequence);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new SymbolIterator(rows);
  }

  /** Buffers one symbol, checks it, emits it, then moves to the next symbol. */
  private final class SymbolIterator extends RunIterator<Row> {
    private final List<Row> rows = new ArrayList<>();
    private boolean[][] pass = new boolean[0][];
    private String[][] why = new String[0][];
    private boolean[][] once = new boolean[0][];

    SymbolIterator(Iterator<Row> in) {
      super(in);
    }

    @Override
    protected Object key(Row row) {
      return row.get(layout.symbol());
    }

    @Override
    protected void startRun(Object key) {
      rows.clear();
    }

    @Override
    protected void add(Row row) {
      rows.add(row);
    }

    @Override
    protected int endRun() {
      int n = rows.size();
      pass = new boolean[unique.size() + sequence.size()][n];
      why = new String[pass.length][n];
      once = new boolean[unique.size()][n];
      for (int u = 0; u < unique.size(); u++) {
        checkUnique(unique.get(u), pass[u], why[u], once[u]);
      }
      boolean[] rowOk = rowOk();
      for (int start = 0, end; start < n; start = end) {
        end = start + 1;
        while (end < n && Objects.equals(interval(end), interval(start))) {
          end++;
        }
        checkSequence(start, end, rowOk);
      }
      return n;
    }

    @Override
    protected Row emit(int i) {
      Row row = rows.get(i);
      int width = row.length();
      Object[] values = new Object[width + 2 * pass.length + once.length];
      for (int k = 0; k < width; k++) {
        values[k] = row.get(k);
      }
      for (int c = 0; c < pass.length; c++) {
        values[width + 2 * c] = pass[c][i];
        values[width + 2 * c + 1] = why[c][i];
      }
      for (int u = 0; u < once.length; u++) {
        values[width + 2 * pass.length + u] = once[u][i];
      }
      return RowFactory.create(values);
    }

    /** The unique check's pass and detail, and whether the row's key occurs once ({@code once}). */
    private void checkUnique(Unique check, boolean[] passes, String[] reasons, boolean[] once) {
      int n = rows.size();
      boolean oneInterval = Objects.equals(interval(0), interval(n - 1)); // sorted by interval first
      if (check.hasTs() && (check.hasInterval() || oneInterval)) {
        // rows of a key are adjacent and sorted by source file and line: the first of each passes
        for (int start = 0, end; start < n; start = end) {
          end = start + 1;
          while (end < n && Objects.equals(ts(end), ts(start)) && Objects.equals(interval(end), interval(start))) {
            end++;
          }
          for (int i = start; i < end; i++) {
            passes[i] = i == start;
            once[i] = end - start == 1;
          }
        }
      } else {
        List<List<Object>> keys = new ArrayList<>(n);
        Map<List<Object>, Integer> first = new HashMap<>();
        Map<List<Object>, Integer> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
          keys.add(key(check, i));
          first.merge(keys.get(i), i, (a, b) -> earlierSource(b, a) ? b : a);
          count.merge(keys.get(i), 1, Integer::sum);
        }
        for (int i = 0; i < n; i++) {
          passes[i] = first.get(keys.get(i)) == i;
          once[i] = count.get(keys.get(i)) == 1;
        }
      }
      for (int i = 0; i < n; i++) {
        reasons[i] = passes[i] ? null : check.reason();
      }
    }

    private List<Object> key(Unique check, int i) {
      return Arrays.asList(check.hasInterval() ? interval(i) : null, check.hasTs() ? ts(i) : null);
    }

    /** Row i comes before row j in (source file, source line) order, nulls first, as Spark sorts them. */
    private boolean earlierSource(int i, int j) {
      Row a = rows.get(i);
      Row b = rows.get(j);
      int file = compareNullsFirst(a, b, layout.sourceFile(),
          (x, y) -> UTF8String.fromString(x.getString(layout.sourceFile())).compareTo(UTF8String.fromString(y.getString(layout.sourceFile()))));
      return file != 0 ? file < 0
          : compareNullsFirst(a, b, layout.sourceLine(), (x, y) -> Long.compare(x.getLong(layout.sourceLine()), y.getLong(layout.sourceLine()))) < 0;
    }

    private int compareNullsFirst(Row a, Row b, int field, java.util.Comparator<Row> values) {
      if (a.isNullAt(field) || b.isNullAt(field)) {
        return Boolean.compare(!a.isNullAt(field), !b.isNullAt(field));
      }
      return values.compare(a, b);
    }

    /** Rows that passed every error check other than the sequence checks. */
    private boolean[] rowOk() {
      boolean[] ok = new boolean[rows.size()];
      for (int i = 0; i < ok.length; i++) {
        Row row = rows.get(i);
        boolean passed = true;
        for (int field : layout.rowOkPasses()) {
          passed &= row.getBoolean(field);
        }
        for (int u = 0; u < unique.size(); u++) {
          passed &= !unique.get(u).error() || pass[u][i];
        }
        ok[i] = passed;
      }
      return ok;
    }

    /** The sequence checks over rows [start, end), one (symbol, interval); rows outside the sequence pass. */
    private void checkSequence(int start, int end, boolean[] rowOk) {
      int[] members = new int[end - start];
      Double[] closes = new Double[end - start];
      int m = 0;
      for (int i = start; i < end; i++) {
        if (rowOk[i]) {
          members[m] = i;
          Row row = rows.get(i);
          closes[m++] = row.isNullAt(layout.close()) ? null : row.getDouble(layout.close());
        } else {
          for (int s = 0; s < sequence.size(); s++) {
            pass[unique.size() + s][i] = true;
          }
        }
      }
      boolean[] passes = new boolean[m];
      String[] reasons = new String[m];
      for (int s = 0; s < sequence.size(); s++) {
        Sequence check = sequence.get(s);
        if (check.glitch()) {
          SymbolSequence.glitch(closes, m, check.maxAbsLogReturn(), passes, reasons);
        } else {
          SymbolSequence.stale(closes, m, check.minRun(), passes, reasons);
        }
        for (int k = 0; k < m; k++) {
          pass[unique.size() + s][members[k]] = passes[k];
          why[unique.size() + s][members[k]] = reasons[k];
        }
      }
    }

    private Object interval(int i) {
      return rows.get(i).get(layout.interval());
    }

    private Object ts(int i) {
      return rows.get(i).get(layout.ts());
    }
  }
}
