package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagRunnerTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  /** a -> b -> d and a -> c: c is on its own branch. */
  private static final String DIAMOND = String.join("\n",
      "dag: {id: t, description: d, schedule: '0 2 * * *', startDate: 2024-01-01, maxActiveRuns: 1, catchup: false}",
      "defaults: {retries: 2, retryDelaySeconds: 10, retryExponentialBackoff: true, maxRetryDelaySeconds: 600}",
      "params: {config: '', set: {}}",
      "tasks: [{id: a, command: ingest}, {id: b, command: validate, dependsOn: [a]},",
      "  {id: c, command: features, dependsOn: [a], retries: 1}, {id: d, command: train, dependsOn: [b]}]", "");

  private final PipelineSpec spec = PipelineSpecLoader.parse(DIAMOND.getBytes(StandardCharsets.UTF_8), "t.yaml");
  private final InMemoryRunHistory history = new InMemoryRunHistory();
  private final List<Duration> sleeps = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final DagRunner runner = new DagRunner(spec, history, Clock.fixed(Instant.parse("2026-11-21T01:30:00Z"), ZoneOffset.UTC),
      sleeps::add, new Console(new PrintStream(out, true)));
  private final List<String> executed = new ArrayList<>();

  private DagRun fresh(String id) {
    return new DagRun(id, "t", DAY, "manual", DagRun.RUNNING, Instant.parse("2026-11-21T01:30:00Z"), null, null);
  }

  /** Fails each task the given number of times, then succeeds with rows in = 10, out = 7. */
  private TaskExecutor failing(Map<String, Integer> failures) {
    Map<String, Integer> left = new HashMap<>(failures);
    return (task, attempt) -> {
      executed.add(task.id() + "#" + attempt);
      if (left.merge(task.id(), -1, Integer::sum) >= 0) {
        throw new StageFailedException(task.id(), new IllegalStateException("boom in " + task.id() + "\nsecond line"));
      }
      return new StageReport(task.id(), 0, 10, 7, 3, 7, "");
    };
  }

  private List<String> attempts() {
    return history.taskRuns.stream().map(t -> t.task() + "#" + t.attempt() + ":" + t.status()).toList();
  }

  @Test
  void allTasksRunOnceInDependencyOrderAndTheRunSucceeds() {
    DagRun done = runner.run(fresh("r1"), failing(Map.of()));
    assertEquals(List.of("a#1", "b#1", "c#1", "d#1"), executed);
    assertEquals(DagRun.SUCCESS, done.status());
    assertNull(done.error());
    assertEquals(done, history.runs.get("r1"));
    TaskRun a = history.taskRuns.get(0);
    assertEquals(new TaskRun("r1", DAY, "a", 1, TaskRun.SUCCESS, Instant.parse("2026-11-21T01:30:00Z"),
        Instant.parse("2026-11-21T01:30:00Z"), 10, 7, null), a);
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aFailingTaskIsRetriedWithBackoffThenRecordedWithItsOneLineError() {
    DagRun done = runner.run(fresh("r2"), failing(Map.of("b", 2)));
    assertEquals(List.of("a#1:success", "b#1:failed", "b#2:failed", "b#3:success", "c#1:success", "d#1:success"), attempts());
    assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20)), sleeps);
    assertEquals("boom in b", history.taskRuns.get(1).error());
    assertEquals(DagRun.SUCCESS, done.status());
    assertTrue(out.toString().contains("[b] attempt 1 of 3 failed: boom in b"), out.toString());
    assertTrue(out.toString().contains("[b] retry 2 of 2 in 20 s"), out.toString());
  }

  @Test
  void aFailedTaskStopsItsDependentsButNotAnIndependentBranch() {
    DagRun done = runner.run(fresh("r3"), failing(Map.of("b", 9)));
    assertEquals(List.of("a#1:success", "b#1:failed", "b#2:failed", "b#3:failed", "c#1:success", "d#1:upstream_failed"), attempts());
    assertEquals(List.of("a#1", "b#1", "b#2", "b#3", "c#1"), executed, "d never ran, c did");
    assertEquals(DagRun.FAILED, done.status());
    assertEquals("b: boom in b", done.error());
    assertEquals("not run: b did not succeed", history.taskRuns.get(5).error());
  }

  @Test
  void taskRetriesOverrideTheDefaults() {
    runner.run(fresh("r4"), failing(Map.of("c", 9)));
    assertEquals(2, history.taskRuns.stream().filter(t -> t.task().equals("c")).count(), "retries: 1 -> 2 attempts");
  }

  @Test
  void resumeRunsOnlyWhatFailedOrNeverFinishedAndContinuesTheAttemptNumbers() {
    runner.run(fresh("r5"), failing(Map.of("b", 9)));
    executed.clear();
    List<TaskRun> earlier = history.taskRuns("r5");
    DagRun resumed = runner.resume(fresh("r5"), failing(Map.of()), earlier);
    assertEquals(List.of("b#4", "d#2"), executed, "a and c succeeded before");
    assertEquals(DagRun.SUCCESS, resumed.status());
    assertEquals(Set.of("r5"), history.runs.keySet());
    assertTrue(out.toString().contains("[a] succeeded earlier in run r5; not run again"));
  }
}
