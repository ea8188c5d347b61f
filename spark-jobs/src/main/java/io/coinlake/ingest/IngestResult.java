package io.coinlake.ingest;

import io.coinlake.lake.RecordKind;
import java.util.List;

/** What one ingest batch did, per file and in total. */
public record IngestResult(String batchId, List<FileIngestCount> files) {
  public IngestResult {
    files = List.copyOf(files);
  }

  public long rowsRead() {
    return files.stream().mapToLong(FileIngestCount::rowsRead).sum();
  }

  public long rowsToBronze() {
    return files.stream().mapToLong(FileIngestCount::rowsToBronze).sum();
  }

  public long rowsQuarantined() {
    return files.stream().mapToLong(FileIngestCount::rowsQuarantined).sum();
  }

  public List<FileIngestCount> files(RecordKind kind) {
    return files.stream().filter(f -> f.kind() == kind).toList();
  }

  public long count(String status) {
    return files.stream().filter(f -> f.status().equals(status)).count();
  }
}
