package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
  private static final String HEAD = String.join("\n",
      "dag: {id: t, description: d, schedule: '0 2 * * *', startDate: 2024-01-01, maxActiveRuns: 1, catchup: false}",
      "defaults: {retries: 2, retryDelaySeconds: 10, retryExponentialBackoff: true, maxRetryDelaySeconds: 25}",
      "params: {config: '', set: {}}", "");

  private static PipelineSpec parse(String tasks) {
    return PipelineSpecLoader.parse((HEAD + tasks).getBytes(StandardCharsets.UTF_8), "p.yaml");
  }

  private static String error(String tasks) {
    return assertThrows(ConfigException.class, () -> parse(tasks)).getMessage();
  }

  @Test
  void theShippedSpecIsTheSixStagesInAChainRunDailyWithOneWriter() {
    PipelineSpec spec = PipelineSpecLoader.load(java.nio.file.Path.of("../conf/pipeline.yaml"));
    assertEquals(List.of("ingest", "validate", "features", "train", "score", "report"), spec.order().stream().map(TaskSpec::id).toList());
    assertEquals(List.of("features"), spec.task("train").dependsOn());
    assertEquals(List.of("score"), spec.task("report").dependsOn());
    assertEquals(new RetryPolicy(1, Duration.ofSeconds(30), true, Duration.ofSeconds(600)), spec.retryPolicy(spec.task("report")));
    assertEquals("30 1 * * *", spec.schedule().expression());
    assertEquals(1, spec.dag().maxActiveRuns());
    assertEquals(new RetryPolicy(1, Duration.ofSeconds(30), true, Duration.ofSeconds(600)), spec.retryPolicy(spec.task("train")));
    assertEquals(new RetryPolicy(2, Duration.ofSeconds(30), true, Duration.ofSeconds(600)), spec.retryPolicy(spec.task("ingest")));
    assertEquals(List.of(), spec.params().cliArgs());
  }

  @Test
  void orderPutsDependenciesFirstAndKeepsTheFileOrderOtherwise() {
    PipelineSpec spec = parse("tasks: [{id: c, command: train, dependsOn: [a, b]}, {id: b, command: validate},"
        + " {id: a, command: ingest}, {id: d, command: score, dependsOn: [a]}]");
    assertEquals(List.of("b", "a", "c", "d"), spec.order().stream().map(TaskSpec::id).toList());
  }

  @Test
  void taskRetrySettingsReplaceTheDefaultsOneByOne() {
    PipelineSpec spec = parse("tasks: [{id: a, command: ingest, retries: 5, maxRetryDelaySeconds: 100}]");
    assertEquals(new RetryPolicy(5, Duration.ofSeconds(10), true, Duration.ofSeconds(100)), spec.retryPolicy(spec.task("a")));
  }

  @Test
  void paramsBecomeCliArgumentsInAStableOrder() {
    PipelineSpec spec = PipelineSpecLoader.parse(String.join("\n",
        HEAD.replace("params: {config: '', set: {}}", "params: {config: conf/prod.yaml, set: {b.y: '2', a.x: '1'}}"),
        "tasks: [{id: a, command: ingest}]").getBytes(StandardCharsets.UTF_8), "p.yaml");
    assertEquals(List.of("--config", "conf/prod.yaml", "--set", "a.x=1", "--set", "b.y=2"), spec.params().cliArgs());
  }

  @Test
  void mistakesAreOneLineNamingTheFileAndKey() {
    assertEquals("p.yaml: the task dependencies form a cycle among [a, b]; remove one dependsOn",
        error("tasks: [{id: a, command: ingest, dependsOn: [b]}, {id: b, command: validate, dependsOn: [a]}]"));
    assertEquals("p.yaml: task 'a' depends on 'x', which is not a task (tasks: [a])",
        error("tasks: [{id: a, command: ingest, dependsOn: [x]}]"));
    assertEquals("p.yaml: unknown command 'ingst'; use one of [ingest, validate, features, train, score, report]",
        error("tasks: [{id: a, command: ingst}]"));
    assertEquals("p.yaml: task id 'a' appears twice; task ids must be unique",
        error("tasks: [{id: a, command: ingest}, {id: a, command: validate}]"));
    assertTrue(error("tasks: [{id: a, command: ingest, retry: 3}]").startsWith("p.yaml: unknown key 'tasks[0].retry'; known keys here: command, dependsOn, id,"));
    String cron = assertThrows(ConfigException.class, () -> PipelineSpecLoader.parse(
        (HEAD.replace("'0 2 * * *'", "'0 2 * *'") + "tasks: [{id: a, command: ingest}]").getBytes(StandardCharsets.UTF_8), "p.yaml")).getMessage();
    assertTrue(cron.startsWith("p.yaml: at 'dag': cron expression '0 2 * *' must have 5 fields"), cron);
  }
}
