package io.coinlake.lake;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * The iterator of a per-key pass over a partition sorted by that key (such as a symbol): it reads
 * one key's rows (a run) into the subclass, lets it compute them, emits its results, then moves on
 * to the next run. Memory holds one run at a time.
 */
public abstract class RunIterator<T> implements Iterator<T> {
  private final Iterator<Row> in;
  private Row pending; // first row of the next run, already read
  private int size;
  private int emitted;

  protected RunIterator(Iterator<Row> in) {
    this.in = in;
    this.pending = in.hasNext() ? in.next() : null;
  }

  /** The key the partition is sorted by; rows with equal keys (nulls equal) form a run. */
  protected abstract Object key(Row row);

  /** A run with this key starts. */
  protected abstract void startRun(Object key);

  /** The next row of the current run. */
  protected abstract void add(Row row);

  /** The run is complete: computes it and returns how many results it emits. */
  protected abstract int endRun();

  /** Result i of the current run. */
  protected abstract T emit(int i);

  @Override
  public final boolean hasNext() {
    while (emitted >= size) {
      if (pending == null) {
        return false;
      }
      loadRun();
    }
    return true;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return emit(emitted++);
  }

  private void loadRun() {
    Object key = key(pending);
    startRun(key);
    while (pending != null && Objects.equals(key, key(pending))) {
      add(pending);
      pending = in.hasNext() ? in.next() : null;
    }
    size = endRun();
    emitted = 0;
  }
}
