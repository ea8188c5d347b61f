package io.coinlake.ingest;

import java.util.List;

/** What one ingest batch did, per file and in total. */
public record IngestResult(String batchId, List<FileIngestCount> files) {
  public long rowsRead() {
    return files.stream().mapToLong(FileIngestCount::rowsRead).sum();
  }

  public long rowsToBronze() {
    return files.stream().mapToLong(FileIngestCount::rowsToBronze).sum();
  }

  public long rowsQuarantined() {
    return files.stream().mapToLong(FileIngestCount::rowsQuarantined).sum();
  }
}
