package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AbandonedRunsTest {
  private static final Instant T0 = Instant.parse("2026-11-21T07:00:00Z");
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private final InMemoryRunHistory history = new InMemoryRunHistory();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out, true));

  private DagRun running(String id, Instant start) {
    return new DagRun(id, "coinlake", DAY, "manual", DagRun.RUNNING, start, null, null);
  }

  @Test
  void theKilledAttemptAndItsRunAreRecordedAsFailed() {
    history.saveRun(running("killed", T0));
    history.addTaskRun(new TaskRun("killed", DAY, "ingest", 1, TaskRun.SUCCESS, T0, T0.plusSeconds(5), 10, 10, null));
    RunLock.Holder dead = new RunLock.Holder("killed", 4242, "box", T0, T0.plusSeconds(60),
        new RunLock.Attempt("killed", "validate", 1, T0.plusSeconds(6)));

    AbandonedRuns.close(history, Optional.of(dead), "next", T0.plusSeconds(300), console);

    TaskRun cut = history.taskRuns("killed").stream().filter(t -> t.task().equals("validate")).findFirst().orElseThrow();
    assertEquals(new TaskRun("killed", DAY, "validate", 1, TaskRun.FAILED, T0.plusSeconds(6), T0.plusSeconds(60), -1, -1,
        "the process running this attempt (pid 4242 on box) stopped before it finished: killed or crashed;"
            + " last heartbeat 2026-11-21T07:01:00Z"), cut);
    DagRun run = history.run("killed").orElseThrow();
    assertEquals(DagRun.FAILED, run.status());
    assertEquals(T0.plusSeconds(300), run.endedAt());
    assertEquals("abandoned: its process stopped before the run finished; found by run next", run.error());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("./coinlake run --resume killed"), out.toString());
  }

  @Test
  void everyOtherRunStillMarkedRunningIsClosedButNotTheCallerNorFinishedOnes() {
    history.saveRun(running("orphan-a", T0));
    history.saveRun(running("me", T0.plusSeconds(10)));
    history.saveRun(running("done", T0).finished(DagRun.SUCCESS, T0.plusSeconds(5), null));

    AbandonedRuns.close(history, Optional.empty(), "me", T0.plusSeconds(20), console);

    assertEquals(DagRun.FAILED, history.run("orphan-a").orElseThrow().status());
    assertEquals(DagRun.RUNNING, history.run("me").orElseThrow().status());
    assertEquals(DagRun.SUCCESS, history.run("done").orElseThrow().status());
    assertEquals(List.of(), history.taskRuns("orphan-a"), "no attempt is invented without a lock file naming one");
  }

  @Test
  void anAttemptAlreadyRecordedIsNotRecordedTwice() {
    history.saveRun(running("r", T0));
    history.addTaskRun(new TaskRun("r", DAY, "train", 2, TaskRun.FAILED, T0, T0.plusSeconds(1), -1, -1, "boom"));
    RunLock.Holder dead = new RunLock.Holder("r", 1, "box", T0, T0, new RunLock.Attempt("r", "train", 2, T0));
    AbandonedRuns.close(history, Optional.of(dead), "next", T0.plusSeconds(9), console);
    assertEquals(1, history.taskRuns("r").size());
    assertEquals("boom", history.taskRuns("r").get(0).error());
  }
}
