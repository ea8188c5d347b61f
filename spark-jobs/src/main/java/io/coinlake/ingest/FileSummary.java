package io.coinlake.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * One source file as the reader saw it: its size, content hash, and the one-line reason it cannot
 * be read (null when it can). For a readable file, also what the ingest ledger and the bronze
 * writer need without another pass over the rows: the records, the records the format rejected
 * (by check), the good records whose key comes again later in the same file, the values of the
 * key's first column among the good records ({@code null} when the format's values do not hold
 * the whole key), and the names of the columns the format did not know.
 *
 * <p>{@code known} is true when an earlier batch ingested the same content; such a file brings no
 * rows. Invariant: {@code records >= sum(failedByCheck) + duplicatesInFile}.
 */
public record FileSummary(String path, long bytes, String sha256, String error, boolean known, long records,
    Map<String, Long> failedByCheck, long duplicatesInFile, Set<String> firstKeys, Set<String> extraKeys) implements Serializable {

  /** Stands for a null value of the first key column in {@link #firstKeys}. */
  public static final String NULL_KEY = "\u0000null";

  public FileSummary {
    failedByCheck = failedByCheck == null ? Map.of() : Map.copyOf(failedByCheck);
    firstKeys = firstKeys == null ? null : Set.copyOf(firstKeys);
    extraKeys = extraKeys == null ? Set.of() : Set.copyOf(extraKeys);
  }

  /** A file that is not read at all, for the given reason (its content is not hashed when {@code sha256} is null). */
  public static FileSummary unreadable(String path, long bytes, String sha256, String error) {
    return new FileSummary(path, bytes, sha256, error, false, 0, Map.of(), 0, Set.of(), Set.of());
  }

  public boolean readable() {
    return error == null;
  }

  /** Records the format rejected plus good records repeated later in the file: what ingest quarantines when no other file shares a key. */
  public long rejectedInFile() {
    return failed() + duplicatesInFile;
  }

  /** Records the format rejected (any check). */
  public long failed() {
    return failedByCheck.values().stream().mapToLong(Long::longValue).sum();
  }
}
