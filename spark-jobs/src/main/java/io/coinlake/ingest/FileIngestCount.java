package io.coinlake.ingest;

import io.coinlake.lake.RecordKind;
import java.util.Map;

/**
 * What ingest did with one file: rowsRead = rowsToBronze + rowsQuarantined. {@code status} is
 * ingested, skipped (its content was ingested before; {@code note} says when) or unreadable
 * ({@code fileError} says why; nothing was read).
 */
public record FileIngestCount(RecordKind kind, String format, String sourceFile, long bytes, String sha256, String status,
    long rowsRead, long rowsToBronze, long rowsQuarantined, Map<String, Long> quarantinedByReason, String fileError,
    String note) {

  public FileIngestCount {
    quarantinedByReason = Map.copyOf(quarantinedByReason);
  }
}
