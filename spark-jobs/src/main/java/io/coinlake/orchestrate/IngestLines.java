package io.coinlake.orchestrate;

import static io.coinlake.lake.Columns.*;

import io.coinlake.ingest.FileIngestCount;
import io.coinlake.ingest.IngestResult;

/** The per-file lines ingest prints: rows read, accepted and quarantined by reason, or why a file was not read. */
final class IngestLines {
  private IngestLines() {}

  static void print(IngestResult result, Console console) {
    for (FileIngestCount f : result.files()) {
      String file = display(f.sourceFile());
      switch (f.status()) {
        case STATUS_UNREADABLE -> console.line("  ERROR cannot read " + file + ": " + f.fileError());
        case STATUS_SKIPPED -> console.line("  skipped " + file + ": " + f.note());
        default -> console.line(String.format("  %-16s %s: read %d, accepted %d, quarantined %d%s", f.kind().contractName(), file,
            f.rowsRead(), f.rowsToBronze(), f.rowsQuarantined(), f.quarantinedByReason().isEmpty() ? "" : " " + f.quarantinedByReason()));
      }
    }
  }

  static String note(IngestResult r) {
    return String.format("%d files ingested, %d skipped as already ingested, %d unreadable -> bronze",
        r.count(STATUS_INGESTED), r.count(STATUS_SKIPPED), r.count(STATUS_UNREADABLE));
  }

  /** A local path as the user would write it: no file: scheme, relative to the working directory when inside it. */
  static String display(String path) {
    String local = path.startsWith("file:") ? path.substring("file:".length()) : path;
    String cwd = System.getProperty("user.dir") + "/";
    return local.startsWith(cwd) ? local.substring(cwd.length()) : local;
  }
}
