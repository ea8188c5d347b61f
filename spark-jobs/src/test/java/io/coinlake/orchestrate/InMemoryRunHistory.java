package io.coinlake.orchestrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run history in memory, for runner tests without Spark. */
final class InMemoryRunHistory implements RunHistory {
  final Map<String, DagRun> runs = new LinkedHashMap<>();
  final List<TaskRun> taskRuns = new ArrayList<>();

  @Override
  public void saveRun(DagRun run) {
    runs.put(run.runId(), run);
  }

  @Override
  public void addTaskRun(TaskRun taskRun) {
    taskRuns.add(taskRun);
  }

  @Override
  public Optional<DagRun> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public List<TaskRun> taskRuns(String runId) {
    return taskRuns.stream().filter(t -> t.runId().equals(runId)).toList();
  }

  @Override
  public List<DagRun> unfinishedRuns() {
    return runs.values().stream().filter(r -> DagRun.RUNNING.equals(r.status())).sorted(Comparator.comparing(DagRun::startedAt)).toList();
  }

  @Override
  public List<DagRun> recentRuns(int limit) {
    return runs.values().stream().sorted(Comparator.comparing(DagRun::startedAt).reversed()).limit(limit).toList();
  }
}
