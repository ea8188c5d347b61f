package io.coinlake.train;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The native XGBoost matrix of the rows a training fitted on last, shared by its fits in the
 * driver ({@link DriverXgboostRegressor}): every grid point of a fold trains on the same rows, so
 * they are streamed to the driver and converted once per fold instead of once per grid point, and
 * XGBoost's histogram cuts, which the matrix keeps, are computed once too. Rows are the same when
 * their Spark plans have the same semantics.
 *
 * <p>One matrix at a time: other rows (the next fold, the refit) retire it, and a retired matrix
 * is freed as soon as no fit uses it. Close this when the training ends. {@link #unshared()}
 * builds a matrix per fit and frees it after.
 */
final class TrainingMatrices implements AutoCloseable {
  /** Builds the matrix of some rows (labels set). */
  interface Builder {
    DMatrix build();
  }

  private final boolean shared;
  private Entry current;

  private TrainingMatrices(boolean shared) {
    this.shared = shared;
  }

  /** Shares a matrix between fits on the same rows. */
  static TrainingMatrices shared() {
    return new TrainingMatrices(true);
  }

  /** A matrix per fit, freed when the fit ends. */
  static TrainingMatrices unshared() {
    return new TrainingMatrices(false);
  }

  /**
   * The matrix of {@code rows} read with {@code missing}: the current one when it holds the same
   * rows, else a new one from {@code builder} (built by this thread; a fit on the same rows meanwhile
   * waits for it). Close the lease when the fit is done with it.
   */
  Lease acquire(Dataset<Row> rows, float missing, Builder builder) {
    Entry entry;
    boolean build;
    synchronized (this) {
      build = current == null || !current.holds(rows, missing) || !shared;
      if (build) {
        retire();
        current = new Entry(rows, missing);
      }
      entry = current;
      entry.users++;
      if (!shared) {
        retire();
      }
    }
    if (build) {
      try {
        entry.matrix.complete(builder.build());
      } catch (RuntimeException | Error e) {
        entry.matrix.completeExceptionally(e);
        synchronized (this) {
          if (current == entry) {
            current = null; // the next fit on these rows tries again
          }
        }
      }
    }
    try {
      return new Lease(entry, entry.matrix.join());
    } catch (CompletionException e) {
      release(entry);
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /** Frees the current matrix once no fit uses it. */
  @Override
  public synchronized void close() {
    retire();
  }

  private void retire() {
    if (current != null) {
      current.retired = true;
      freeIfUnused(current);
      current = null;
    }
  }

  private synchronized void release(Entry entry) {
    entry.users--;
    freeIfUnused(entry);
  }

  private static void freeIfUnused(Entry entry) {
    if (entry.retired && entry.users == 0 && entry.matrix.isDone() && !entry.matrix.isCompletedExceptionally()) {
      entry.matrix.join().dispose();
    }
  }

  /** A matrix in use by one fit. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private final DMatrix matrix;
    private boolean closed;

    private Lease(Entry entry, DMatrix matrix) {
      this.entry = entry;
      this.matrix = matrix;
    }

    DMatrix matrix() {
      return matrix;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(entry);
      }
    }
  }

  /** Guarded by the enclosing instance, except the matrix future. */
  private static final class Entry {
    private final Dataset<Row> rows;
    private final float missing;
    private final CompletableFuture<DMatrix> matrix = new CompletableFuture<>();
    private int users;
    private boolean retired;

    Entry(Dataset<Row> rows, float missing) {
      this.rows = rows;
      this.missing = missing;
    }

    boolean holds(Dataset<Row> other, float otherMissing) {
      return Float.compare(missing, otherMissing) == 0 && rows.sameSemantics(other);
    }
  }
}
