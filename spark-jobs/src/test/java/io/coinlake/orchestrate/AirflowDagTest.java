package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coinlake.cli.CoinlakeMain;
import io.coinlake.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAG (dags/coinlake_dag.py) against the pipeline spec, without Airflow: runs
 * dags/tests/check_dag.py, which byte-compiles the DAG file and imports it with stub airflow
 * modules, and compares the DAG it describes with what {@link PipelineSpecLoader} reads. Needs
 * python3 with PyYAML on PATH (Airflow ships PyYAML; so does CI).
 */
class AirflowDagTest {
  private static final Path REPO = Path.of("..");
  private static final Path CHECK_SCRIPT = REPO.resolve("dags/tests/check_dag.py");
  private static final long TIMEOUT_SECONDS = 60;
  private static final String SPEC_VAR = "AIRFLOW_VAR_COINLAKE_PIPELINE_SPEC";
  private static final String JAR_VAR = "AIRFLOW_VAR_COINLAKE_JAR";
  private static final String CONN_VAR = "AIRFLOW_VAR_COINLAKE_SPARK_CONN_ID";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private record Run(int exit, String out, String err) {}

  /** Runs check_dag.py from spark-jobs with exactly these Airflow Variables in the environment. */
  private Run checkDag(Map<String, String> variables) throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(CHECK_SCRIPT), CHECK_SCRIPT.toAbsolutePath() + " is missing; run the test from spark-jobs");
    Path out = tmp.resolve("check_dag.out");
    Path err = tmp.resolve("check_dag.err");
    ProcessBuilder builder = new ProcessBuilder("python3", CHECK_SCRIPT.toString())
        .directory(Path.of("").toAbsolutePath().toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRFLOW_VAR_COINLAKE_"));
    builder.environment().putAll(variables);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError("python3 is not on PATH; the Airflow DAG test needs python3 with PyYAML"
          + " (Debian: apt-get install python3 python3-yaml): " + e.getMessage(), e);
    }
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("check_dag.py did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private JsonNode describe(Map<String, String> variables) throws Exception {
    Run run = checkDag(variables);
    assertEquals(0, run.exit(), "check_dag.py failed: " + run.err());
    return JSON.readTree(run.out());
  }

  @Test
  void theShippedDagIsTheShippedSpecWithTheDefaultJarAndConnection() throws Exception {
    PipelineSpec spec = PipelineSpecLoader.load(REPO.resolve("conf/pipeline.yaml"));
    JsonNode dag = describe(Map.of());

    String defaultJar = REPO.toRealPath().resolve("spark-jobs/target/coinlake-jobs.jar").toString();
    assertMatchesSpec(spec, dag, defaultJar, "spark_default", flags(REPO.resolve("conf/spark-java17.options")));
    assertEquals(List.of("ingest", "validate", "features", "train", "score", "report"), taskIds(dag));
    assertEquals(List.of("report", "--date", "{{ ds }}"), strings(task(dag, "report").get("application_args")));
    assertEquals(List.of("coinlake_pipeline_spec", "coinlake_jar", "coinlake_spark_conn_id"), strings(dag.get("variables_read")));
    assertEquals(REPO.toRealPath().resolve("dags/coinlake_dag.py").toString(), dag.get("dag_file").asText());
    JsonNode train = task(dag, "train");
    assertEquals(List.of("train", "--date", "{{ ds }}"), strings(train.get("application_args")));
    assertEquals(1, train.get("retries").asInt());
    assertTrue(flags(REPO.resolve("conf/spark-java17.options")).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
  }

  @Test
  void aDiamondSpecWithOverridesAndParamsBecomesThatDag() throws Exception {
    Path specFile = tmp.resolve("pipeline.yaml");
    Files.writeString(specFile, String.join("\n",
        "dag:",
        "  id: coinlake_diamond",
        "  description: A diamond, to show the DAG follows the spec.",
        "  schedule: \"15 3 * * 1\"",
        "  startDate: 2025-06-30",
        "  maxActiveRuns: 1",
        "  catchup: true",
        "defaults: {retries: 3, retryDelaySeconds: 45, retryExponentialBackoff: false, maxRetryDelaySeconds: 900}",
        "params:",
        "  config: conf/cluster.yaml",
        "  set:",
        "    tasks.volatility.horizon: 14",
        "    lake.root: s3a://bucket/lake",
        "    b.ratio: 0.50",
        "    a.flag: true",
        "tasks:",
        "  - {id: fit, command: train, dependsOn: [check, build], maxRetryDelaySeconds: 60}",
        "  - {id: load, command: ingest}",
        "  - {id: check, command: validate, dependsOn: [load], retries: 0}",
        "  - {id: build, command: features, dependsOn: [load], retryDelaySeconds: 5, retryExponentialBackoff: true}",
        ""));
    Files.writeString(tmp.resolve("spark-java17.options"), "-Dcoinlake.test=1\n\n--add-opens=java.base/java.nio=ALL-UNNAMED\n");
    PipelineSpec spec = PipelineSpecLoader.load(specFile);

    JsonNode dag = describe(Map.of(SPEC_VAR, specFile.toString(), JAR_VAR, "/opt/coinlake/coinlake-jobs.jar", CONN_VAR, "spark_cluster"));

    String flags = "-Dcoinlake.test=1 --add-opens=java.base/java.nio=ALL-UNNAMED";
    assertEquals(flags, flags(tmp.resolve("spark-java17.options")));
    assertMatchesSpec(spec, dag, "/opt/coinlake/coinlake-jobs.jar", "spark_cluster", flags);
    assertEquals(List.of("fit", "load", "check", "build"), taskIds(dag));
    assertEquals(List.of("build", "check"), strings(task(dag, "fit").get("upstream_task_ids")));
    assertEquals(List.of("train", "--date", "{{ ds }}", "--config", "conf/cluster.yaml", "--set", "a.flag=true",
        "--set", "b.ratio=0.50", "--set", "lake.root=s3a://bucket/lake", "--set", "tasks.volatility.horizon=14"),
        strings(task(dag, "fit").get("application_args")));
    assertEquals(new RetryPolicy(0, Duration.ofSeconds(45), false, Duration.ofSeconds(900)), retryPolicy(task(dag, "check")));
    assertEquals(new RetryPolicy(3, Duration.ofSeconds(5), true, Duration.ofSeconds(900)), retryPolicy(task(dag, "build")));
    assertEquals(new RetryPolicy(3, Duration.ofSeconds(45), false, Duration.ofSeconds(60)), retryPolicy(task(dag, "fit")));
    assertEquals("15 3 * * 1", dag.get("dag").get("schedule").asText());
    assertEquals("2025-06-30T00:00:00+00:00", dag.get("dag").get("start_date").asText());
    assertTrue(dag.get("dag").get("catchup").booleanValue());
  }

  @Test
  void aSpecTheJavaLoaderRejectsFailsTheDagImportWithOneLineNamingTheFileAndTheMistake() throws Exception {
    String head = String.join("\n",
        "dag: {id: t, description: d, schedule: '0 2 * * *', startDate: 2024-01-01, maxActiveRuns: 1, catchup: false}",
        "defaults: {retries: 2, retryDelaySeconds: 10, retryExponentialBackoff: true, maxRetryDelaySeconds: 25}",
        "params: {config: '', set: {}}", "");
    Files.copy(REPO.resolve("conf/spark-java17.options"), tmp.resolve("spark-java17.options"));
    Map<String, String> mistakes = Map.of(
        "tasks: [{id: a, command: ingest}, {id: b, command: validate, dependsOn: [nope]}]",
        "task 'b' depends on 'nope', which is not a task (tasks: ['a', 'b'])",
        "tasks: [{id: a, command: ingest, retry: 3}]",
        "unknown key 'tasks[0].retry'; known keys here: command, dependsOn, id, maxRetryDelaySeconds, retries,"
            + " retryDelaySeconds, retryExponentialBackoff");
    for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
      Path specFile = tmp.resolve("pipeline.yaml");
      Files.writeString(specFile, head + mistake.getKey() + "\n");
      assertThrows(ConfigException.class, () -> PipelineSpecLoader.load(specFile));

      Run run = checkDag(Map.of(SPEC_VAR, specFile.toString()));

      assertEquals(1, run.exit(), run.out());
      assertEquals("", run.out());
      List<String> lines = run.err().lines().toList();
      assertEquals(1, lines.size(), run.err());
      assertTrue(lines.get(0).startsWith("check_dag: "), lines.get(0));
      assertTrue(lines.get(0).endsWith(specFile + ": " + mistake.getValue()), lines.get(0));
    }
  }

  /** Everything the DAG must take from the spec, task by task. */
  private static void assertMatchesSpec(PipelineSpec spec, JsonNode json, String jar, String connId, String javaFlags) {
    JsonNode dag = json.get("dag");
    assertEquals(spec.dag().id(), dag.get("dag_id").asText());
    assertEquals(spec.dag().description(), dag.get("description").asText());
    assertEquals(spec.dag().schedule(), dag.get("schedule").asText());
    assertEquals(spec.dag().startDate() + "T00:00:00+00:00", dag.get("start_date").asText());
    assertTrue(dag.get("catchup").isBoolean());
    assertEquals(spec.dag().catchup(), dag.get("catchup").booleanValue());
    assertEquals(1, dag.get("max_active_runs").intValue());
    assertEquals(1, dag.get("max_active_tasks").intValue());
    String doc = dag.get("doc_md").asText();
    assertFalse(doc.isBlank());
    for (String part : List.of("### " + spec.dag().id(), "max_active_runs=1", "airflow dags backfill", "./coinlake run --from")) {
      assertTrue(doc.contains(part), "doc_md lacks '" + part + "': " + doc);
    }

    assertEquals(spec.tasks().stream().map(TaskSpec::id).toList(), taskIds(json));
    for (TaskSpec t : spec.tasks()) {
      JsonNode task = task(json, t.id());
      List<String> args = new ArrayList<>(List.of(t.command(), "--date", "{{ ds }}"));
      args.addAll(spec.params().cliArgs());
      assertEquals(args, strings(task.get("application_args")), t.id());
      assertEquals(Set.copyOf(t.dependsOn()), new HashSet<>(strings(task.get("upstream_task_ids"))), t.id());
      assertEquals(spec.retryPolicy(t), retryPolicy(task), t.id());
      assertEquals(CoinlakeMain.class.getName(), task.get("java_class").asText());
      assertEquals(jar, task.get("application").asText());
      assertEquals(connId, task.get("conn_id").asText());
      assertEquals(Map.of("spark.driver.extraJavaOptions", javaFlags, "spark.executor.extraJavaOptions", javaFlags),
          JSON.convertValue(task.get("conf"), Map.class), t.id());
    }
  }

  private static RetryPolicy retryPolicy(JsonNode task) {
    assertTrue(task.get("retries").isInt() && task.get("retry_exponential_backoff").isBoolean(), task.toString());
    return new RetryPolicy(task.get("retries").intValue(), seconds(task.get("retry_delay")),
        task.get("retry_exponential_backoff").booleanValue(), seconds(task.get("max_retry_delay")));
  }

  private static Duration seconds(JsonNode value) {
    assertTrue(value.isNumber(), "not a number of seconds: " + value);
    return Duration.ofMillis(Math.round(value.doubleValue() * 1000));
  }

  private static JsonNode task(JsonNode dag, String id) {
    for (JsonNode task : dag.get("tasks")) {
      if (task.get("task_id").asText().equals(id)) {
        return task;
      }
    }
    throw new AssertionError("no task '" + id + "' in the DAG; tasks: " + taskIds(dag));
  }

  private static List<String> taskIds(JsonNode dag) {
    List<String> ids = new ArrayList<>();
    dag.get("tasks").forEach(task -> ids.add(task.get("task_id").asText()));
    return ids;
  }

  private static List<String> strings(JsonNode array) {
    assertTrue(array != null && array.isArray(), "not a list: " + array);
    List<String> values = new ArrayList<>();
    array.forEach(value -> {
      assertTrue(value.isTextual(), "not a string: " + value);
      values.add(value.asText());
    });
    return values;
  }

  /** The flags of a JVM options file as one extraJavaOptions value. */
  private static String flags(Path optionsFile) throws IOException {
    return Files.readAllLines(optionsFile, StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .collect(Collectors.joining(" "));
  }
}
