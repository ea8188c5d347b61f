package io.coinlake.orchestrate;

import java.time.Instant;
import java.util.Optional;

/**
 * Closes the records of runs whose process died (kill -9, a crash, a lost machine): a run holding
 * the lake's lock cannot share it, so every other run still marked running was cut short. The
 * attempt the dead holder was on (from its lock file) is recorded as failed, and each such DAG run
 * as failed, so that the history shows what happened and {@code --resume} re-runs what is missing.
 */
final class AbandonedRuns {
  private AbandonedRuns() {}

  static void close(RunHistory history, Optional<RunLock.Holder> staleHolder, String byRunId, Instant now, Console console) {
    staleHolder.filter(h -> h.current() != null).ifPresent(h -> {
      RunLock.Attempt cut = h.current();
      boolean recorded = history.taskRuns(cut.runId()).stream()
          .anyMatch(t -> t.task().equals(cut.task()) && t.attempt() == cut.attempt());
      if (!recorded) {
        history.addTaskRun(new TaskRun(cut.runId(), history.run(cut.runId()).map(DagRun::logicalDate).orElse(null), cut.task(),
            cut.attempt(), TaskRun.FAILED, cut.since(), h.heartbeat(), -1, -1,
            "the process running this attempt (pid " + h.pid() + " on " + h.host() + ") stopped before it finished: killed or crashed;"
                + " last heartbeat " + h.heartbeat()));
      }
    });
    for (DagRun run : history.unfinishedRuns()) {
      if (run.runId().equals(byRunId)) {
        continue;
      }
      history.saveRun(run.finished(DagRun.FAILED, now, "abandoned: its process stopped before the run finished;"
          + " found by run " + byRunId));
      console.line("coinlake: run " + run.runId() + " was cut short (its process stopped); recorded it as failed."
          + " Resume it with ./coinlake run --resume " + run.runId());
    }
  }
}
