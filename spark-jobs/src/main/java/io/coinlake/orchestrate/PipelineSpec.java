package io.coinlake.orchestrate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline DAG as {@code conf/pipeline.yaml} states it: the tasks and their dependencies, the
 * retries, the schedule and the default parameters. Validated when built: unique ids, known
 * commands, dependencies that exist and no cycle, a parseable cron expression.
 */
public record PipelineSpec(Dag dag, Defaults defaults, Params params, List<TaskSpec> tasks) {

  /** The DAG's identity and schedule; {@code schedule} is a 5-field cron expression in UTC. */
  public record Dag(String id, String description, String schedule, String startDate, int maxActiveRuns, boolean catchup) {
    public Dag {
      if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("dag.id '" + id + "' must be letters, digits, _ . or -");
      }
      CronSchedule.parse(schedule);
      LocalDate.parse(startDate);
      if (maxActiveRuns != 1) {
        throw new IllegalArgumentException("dag.maxActiveRuns must be 1: Delta on S3 allows one writer per lake, got " + maxActiveRuns);
      }
    }
  }

  /** Retry settings every task gets unless it sets its own. */
  public record Defaults(int retries, int retryDelaySeconds, boolean retryExponentialBackoff, int maxRetryDelaySeconds) {}

  /** Arguments every task gets: the config file ("" = the built-in defaults) and --set overrides. */
  public record Params(String config, Map<String, String> set) {
    public Params {
      config = config == null ? "" : config;
      set = set == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(set));
    }

    /** The CLI arguments these parameters stand for, in a stable order. */
    public List<String> cliArgs() {
      List<String> args = new ArrayList<>();
      if (!config.isBlank()) {
        args.add("--config");
        args.add(config);
      }
      set.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        args.add("--set");
        args.add(e.getKey() + "=" + e.getValue());
      });
      return args;
    }
  }

  public PipelineSpec {
    tasks = List.copyOf(tasks);
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("tasks is empty; list at least one task");
    }
    Set<String> ids = new HashSet<>();
    for (TaskSpec t : tasks) {
      if (!ids.add(t.id())) {
        throw new IllegalArgumentException("task id '" + t.id() + "' appears twice; task ids must be unique");
      }
      Stage.fromLabel(t.command());
    }
    for (TaskSpec t : tasks) {
      for (String dep : t.dependsOn()) {
        if (!ids.contains(dep)) {
          throw new IllegalArgumentException("task '" + t.id() + "' depends on '" + dep + "', which is not a task (tasks: " + ids + ")");
        }
      }
    }
    topologicalOrder(tasks);
  }

  public CronSchedule schedule() {
    return CronSchedule.parse(dag.schedule());
  }

  public TaskSpec task(String id) {
    return tasks.stream().filter(t -> t.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no task '" + id + "' in the pipeline"));
  }

  /** The tasks in an order where every task comes after its dependencies; ties keep the file's order. */
  public List<TaskSpec> order() {
    return topologicalOrder(tasks);
  }

  /** The task's retry settings, its own where given, else the defaults. */
  public RetryPolicy retryPolicy(TaskSpec task) {
    return new RetryPolicy(
        task.retries() != null ? task.retries() : defaults.retries(),
        Duration.ofSeconds(task.retryDelaySeconds() != null ? task.retryDelaySeconds() : defaults.retryDelaySeconds()),
        task.retryExponentialBackoff() != null ? task.retryExponentialBackoff() : defaults.retryExponentialBackoff(),
        Duration.ofSeconds(task.maxRetryDelaySeconds() != null ? task.maxRetryDelaySeconds() : defaults.maxRetryDelaySeconds()));
  }

  private static List<TaskSpec> topologicalOrder(List<TaskSpec> tasks) {
    List<TaskSpec> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (ordered.size() < tasks.size()) {
      TaskSpec ready = tasks.stream()
          .filter(t -> !done.contains(t.id()) && done.containsAll(t.dependsOn()))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("the task dependencies form a cycle among "
              + tasks.stream().map(TaskSpec::id).filter(id -> !done.contains(id)).toList() + "; remove one dependsOn"));
      ordered.add(ready);
      done.add(ready.id());
    }
    return ordered;
  }
}
