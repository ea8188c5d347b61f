package io.coinlake.fetch;

import java.io.PrintStream;
import java.util.List;

/** The outcome of one {@code coinlake fetch}: one {@link ApiResult} per API, and the summary table. */
public record FetchReport(List<ApiResult> results) {
  public FetchReport {
    results = List.copyOf(results);
  }

  public boolean anyFailed() {
    return results.stream().anyMatch(r -> !r.ok());
  }

  public int filesWritten() {
    return results.stream().mapToInt(r -> r.files().size()).sum();
  }

  public void printSummary(PrintStream out) {
    out.printf("%-10s %8s %7s %7s %8s %9s%n", "api", "requests", "landed", "failed", "skipped", "records");
    for (ApiResult r : results) {
      out.printf("%-10s %8d %7d %7d %8d %9d%n", r.api().id(), r.planned(), r.landed(), r.failed(), r.skipped(), r.records());
    }
    long ok = results.stream().filter(ApiResult::ok).count();
    out.println("fetch: " + ok + " of " + results.size() + " API(s) ok, " + filesWritten() + " file(s) landed"
        + (anyFailed() ? "; failed: " + String.join(", ", results.stream().filter(r -> !r.ok()).map(r -> r.api().id()).toList()) : ""));
  }
}
