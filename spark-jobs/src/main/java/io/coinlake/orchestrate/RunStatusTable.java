package io.coinlake.orchestrate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The text table of {@code coinlake status}: one line per run, with each task's last attempt. Pure formatting. */
public final class RunStatusTable {
  private RunStatusTable() {}

  public static void print(List<DagRun> runs, Function<String, List<TaskRun>> tasksOf, Console console) {
    console.line(String.format("%-46s %-10s %-9s %-8s %-20s %8s  %s", "run id", "logical", "trigger", "status", "started (UTC)",
        "wall s", "tasks (last attempt)"));
    for (DagRun r : runs) {
      String wall = r.endedAt() == null ? "-" : String.valueOf(Duration.between(r.startedAt(), r.endedAt()).toSeconds());
      console.line(String.format("%-46s %-10s %-9s %-8s %-20s %8s  %s", r.runId(), r.logicalDate() == null ? "all" : r.logicalDate(),
          r.trigger(), r.status(), r.startedAt().toString().replace("T", " ").replaceAll("\\.\\d+Z$|Z$", ""), wall,
          tasks(tasksOf.apply(r.runId()))));
      if (r.error() != null) {
        console.line("    error: " + r.error());
      }
    }
  }

  /** task:status, with the attempt count when it took more than one: ingest:success train:failed(x2). */
  static String tasks(List<TaskRun> attempts) {
    Map<String, TaskRun> last = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    attempts.stream().sorted(java.util.Comparator.comparing(TaskRun::startedAt).thenComparing(TaskRun::attempt)).forEach(t -> {
      last.put(t.task(), t);
      if (!TaskRun.UPSTREAM_FAILED.equals(t.status())) {
        count.merge(t.task(), 1, Integer::sum);
      }
    });
    StringBuilder s = new StringBuilder();
    last.forEach((task, t) -> {
      int n = count.getOrDefault(task, 0);
      s.append(s.length() > 0 ? " " : "").append(task).append(':').append(t.status()).append(n > 1 ? "(x" + n + ")" : "");
    });
    return s.toString();
  }
}
