package io.coinlake.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.testing.CliRun;
import io.coinlake.tracking.FileStoreBackend;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.RunStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coinlake model ...} through the real CLI on a file store built in the test: six versions
 * of the volatility model (runs with params, CV metrics and a dummy {@code model} folder) and one
 * version of another model. Asserts the printed tables and the store afterwards. No Spark.
 */
class ModelCommandTest {
  private static final String M = "coinlake-volatility";
  private static final String[] SELECTED = {"persistence", "har_linear", "gbt_it15_d3_lr0.1", "har_linear", "gbt_it15_d3_lr0.1", "har_linear"};

  @TempDir Path dir;
  private Path mlruns;
  private FileStoreBackend store;
  private final List<String> runIds = new ArrayList<>();
  private String out;
  private String err;

  @BeforeEach
  void buildStore() throws Exception {
    mlruns = dir.resolve("mlruns");
    store = new FileStoreBackend(mlruns);
    String experiment = store.getOrCreateExperiment("coinlake-volatility");
    Path staged = Files.createDirectories(dir.resolve("staged/model/sparkml"));
    Files.writeString(staged.resolve("part-0"), "fitted pipeline");
    Files.writeString(staged.resolveSibling("MLmodel"), "flavors:\n  spark: {model_data: sparkml}\n");
    for (int i = 1; i <= 6; i++) {
      String run = store.startRun(experiment, "volatility-2021-07-0" + i, null, Map.of("coinlake.selected_model", SELECTED[i - 1]));
      Map<String, String> params = new LinkedHashMap<>();
      params.put("selection_metric", "qlike");
      params.put("selected_model", SELECTED[i - 1]);
      params.put("cv_folds", "4");
      store.logParams(run, params);
      store.logMetric(run, "cv_qlike", 1.0 - i / 10.0, 0);
      store.logMetric(run, "cv_rmse", Double.parseDouble("0.05" + i), 0);
      store.logMetric(run, "persistence_cv_qlike", 1.5, 0);
      store.logMetric(run, "training_rows", 35088, 0);
      String uri = store.logArtifacts(run, staged.getParent(), "model");
      store.logArtifacts(run, staged.resolve("part-0"), "feature_importances.json");
      store.endRun(run, RunStatus.FINISHED);
      store.createVersion(M, uri, run);
      runIds.add(run);
    }
    store.setAlias(M, "champion", 2);
    String other = store.startRun(experiment, "other", null, Map.of());
    store.createVersion("another-model", store.logArtifacts(other, staged.getParent(), "model"), other);
  }

  private int cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--set", "mlflow.trackingUri=" + mlruns));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private Path modelFolder(int version) {
    return Path.of(URI.create(store.getVersion(M, version).orElseThrow().source()));
  }

  private String aliasFile(String alias) throws Exception {
    return Files.readString(mlruns.resolve("models").resolve(M).resolve("aliases").resolve(alias));
  }

  private List<String> lines() {
    return out.lines().toList();
  }

  /** The table row of one version: the line starting with the right-aligned version number. */
  private String row(int version) {
    return lines().stream().filter(l -> l.startsWith(String.format("%7d  ", version))).findFirst()
        .orElseThrow(() -> new AssertionError("no row for v" + version + " in:\n" + out));
  }

  @Test
  void listShowsEveryModelWithItsVersionsNewestFirst() {
    assertEquals(0, cli("model", "list"), err);
    List<String> lines = lines();
    assertEquals("another-model: 1 version, no champion", lines.get(0));
    int header = lines.indexOf(M + ": 6 versions, champion v2");
    assertTrue(header > 0, out);
    assertEquals("version  created (UTC)        run id                            selected model          selection (CV)    aliases             artifacts",
        lines.get(header + 1));
    ModelVersion v2 = store.getVersion(M, 2).orElseThrow();
    String created = Instant.ofEpochMilli(v2.creationTimestamp()).toString().replace("T", " ").replaceAll("\\.\\d+Z$|Z$", "");
    assertEquals(String.format("%7d  %-19s  %-32s  %-22s  %-16s  %-18s  %s", 2, created, runIds.get(1), "har_linear", "qlike 0.8000",
        "champion", "present"), row(2));
    assertTrue(lines.get(header + 2).startsWith("      6  "), "newest first: " + lines.get(header + 2));
    assertTrue(row(5).contains("gbt_it15_d3_lr0.1       qlike 0.5000      -                   present"), row(5));
    assertEquals(header + 8, lines.size(), "six rows and nothing else:\n" + out);
    assertEquals("", err);
  }

  @Test
  void listOneModelAndAnUnreadableRunIsANoteNotAFailure() throws Exception {
    Path runDir = Path.of(URI.create(store.artifactUri(runIds.get(0)))).getParent();
    try (var files = Files.walk(runDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertEquals(0, cli("model", "list", "--model", M), err);
    assertEquals(M + ": 6 versions, champion v2", lines().get(0));
    assertTrue(row(1).contains(runIds.get(0) + "  -                       -                 "), row(1));
    assertTrue(lines().get(lines().size() - 1).startsWith("  v1: run " + runIds.get(0) + " cannot be read: Run '"), out);
  }

  @Test
  void showPrintsTheChampionByDefaultWithRunParamsMetricsAndTags() {
    store.setVersionTag(M, 2, "note", "first good one");
    assertEquals(0, cli("model", "show"), err);
    ModelVersion v2 = store.getVersion(M, 2).orElseThrow();
    List<String> lines = lines();
    assertEquals("model      " + M, lines.get(0));
    assertEquals("version    2", lines.get(1));
    assertEquals("aliases    champion", lines.get(2));
    assertEquals("source     " + v2.source(), lines.get(4));
    assertEquals("artifacts  present", lines.get(5));
    assertEquals("run id     " + runIds.get(1), lines.get(6));
    assertEquals("run name   volatility-2021-07-02", lines.get(7));
    assertEquals("selected   har_linear by qlike = 0.8", lines.get(8));
    int metrics = lines.indexOf("cv metrics (means over the walk-forward folds)");
    assertEquals(List.of("  cv_qlike              0.8", "  cv_rmse               0.052", "  persistence_cv_qlike  1.5",
        "  training_rows         35088"), lines.subList(metrics + 1, metrics + 5));
    assertEquals("params", lines.get(metrics + 5));
    assertEquals(List.of("  cv_folds          4", "  selected_model    har_linear", "  selection_metric  qlike"),
        lines.subList(metrics + 6, metrics + 9));
    assertEquals(List.of("version tags", "  note  first good one", "run tags"), lines.subList(metrics + 9, metrics + 12));
    assertTrue(lines.contains("  mlflow.runName           volatility-2021-07-02"), out);
  }

  @Test
  void showByVersionOrAliasAndOneLineErrors() {
    assertEquals(0, cli("model", "show", "--version", "5"), err);
    assertEquals("version    5", lines().get(1));
    assertEquals("aliases    -", lines().get(2));

    assertEquals(2, cli("model", "show", "--alias", "challenger"));
    assertEquals("coinlake: model show: " + M + " has no alias 'challenger' (it has champion); pass --version N"
        + " (./coinlake model list shows them)\n", err);
    assertEquals(2, cli("model", "show", "--version", "9"));
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("coinlake: model show: " + M + " has no version 9"), err);
    assertEquals(2, cli("model", "show", "--version", "1", "--alias", "champion"));
    assertEquals("coinlake: pass either --version or --alias, not both\n", err);
    assertEquals(2, cli("model", "list", "--model", "nope"));
    assertEquals("coinlake: model list: no registered model 'nope' in " + mlruns + "; registered: another-model, " + M + "\n", err);
    assertEquals(2, cli("model", "list", "--date", "2021-07-06"));
    assertTrue(err.startsWith("coinlake: model commands read and change the registry; --date"), err);
  }

  @Test
  void promoteMovesTheChampionAndRecordsThePreviousOne() throws Exception {
    assertEquals(0, cli("model", "promote", "--version", "5"), err);
    assertEquals("champion of " + M + " moved from v2 to v5\n", out);
    assertEquals("5", aliasFile("champion"));
    assertEquals("2", store.versionTags(M, 5).get("coinlake.previous_champion"));
    Instant since = Instant.parse(store.versionTags(M, 5).get("coinlake.champion_since"));
    assertTrue(since.isAfter(Instant.now().minusSeconds(600)) && !since.isAfter(Instant.now()), since.toString());
    assertEquals(5, store.getByAlias(M, "champion").orElseThrow().version());

    assertEquals(0, cli("model", "promote", "--version", "5"));
    assertEquals("champion of " + M + " is already v5; nothing moved\n", out);
  }

  @Test
  void promoteRefusesAMissingOrPrunedVersionAndChangesNothing() throws Exception {
    assertEquals(2, cli("model", "promote", "--version", "9"));
    assertEquals("coinlake: model promote: " + M + " has no version 9 (its versions run from 1 to 6); ./coinlake model list --model "
        + M + " shows them\n", err);
    assertEquals("", out);
    assertEquals("2", aliasFile("champion"));

    assertEquals(0, cli("model", "prune", "--keep", "2"), err);
    assertEquals(2, cli("model", "promote", "--version", "3"));
    assertEquals("coinlake: model promote: v3 of " + M + " has had its model files pruned (mlflow.keepModelVersions); promote a"
        + " version whose artifacts are present (./coinlake model list)\n", err);
    assertEquals("2", aliasFile("champion"));
    assertFalse(store.versionTags(M, 3).containsKey("coinlake.previous_champion"));
    assertEquals(2, cli("model", "promote"), "--version is required");
    assertTrue(err.contains("Missing required option: '--version=N'"), err);
  }

  @Test
  void rollbackFollowsTheHistoryStepByStepThenFallsBackThenStops() throws Exception {
    cli("model", "promote", "--version", "4");
    cli("model", "promote", "--version", "6");
    assertEquals(0, cli("model", "rollback"), err);
    assertEquals("champion of " + M + " moved from v6 to v4 (the previous champion)\n", out);
    assertEquals("4", aliasFile("champion"));
    assertEquals("6", store.versionTags(M, 4).get("coinlake.rolled_back_from"));
    assertEquals(0, cli("model", "rollback"), err);
    assertEquals("champion of " + M + " moved from v4 to v2 (the previous champion)\n", out);
    assertEquals(0, cli("model", "rollback"), err);
    assertEquals("champion of " + M + " moved from v2 to v1 (no previous champion recorded on v2, so the newest earlier version"
        + " with model files)\n", out);
    assertEquals(2, cli("model", "rollback"));
    assertEquals("coinlake: model rollback: nothing to roll back to: v1 of " + M + " has no previous champion recorded and no"
        + " earlier version has model files\n", err);
    assertEquals("1", aliasFile("champion"));
  }

  @Test
  void rollbackWithoutAChampionSaysHowToSetOne() {
    assertEquals(2, cli("model", "rollback", "--model", "another-model"));
    assertEquals("coinlake: model rollback: model another-model has no champion alias, so there is nothing to roll back; set one"
        + " with ./coinlake model promote --model another-model --version N\n", err);
  }

  @Test
  void pruneDeletesOldModelFoldersKeepsEntriesAliasesAndTheRollbackTarget() throws Exception {
    cli("model", "promote", "--version", "3");   // v3 champion, its previous champion v2
    assertEquals(0, cli("model", "prune", "--set", "mlflow.keepModelVersions=2"), err);
    assertEquals("pruned the model artifacts of v1, v4 of " + M + " (keeping the newest 2 versions, every aliased version and the"
        + " champion's rollback target)\n", out);
    for (int pruned : new int[] {1, 4}) {
      assertFalse(Files.exists(modelFolder(pruned)), "v" + pruned);
      assertTrue(Files.isRegularFile(modelFolder(pruned).resolveSibling("feature_importances.json")), "other artifacts stay");
      assertEquals("true", store.versionTags(M, pruned).get("coinlake.artifacts_pruned"));
      Instant.parse(store.versionTags(M, pruned).get("coinlake.artifacts_pruned_at"));
    }
    for (int kept : new int[] {2, 3, 5, 6}) {
      assertTrue(Files.isRegularFile(modelFolder(kept).resolve("sparkml/part-0")), "v" + kept);
      assertFalse(store.versionTags(M, kept).containsKey("coinlake.artifacts_pruned"), "v" + kept);
    }
    assertEquals(6, store.listVersions(M).size());
    assertEquals("3", aliasFile("champion"));

    assertEquals(0, cli("model", "list", "--model", M), err);
    assertTrue(row(1).endsWith("pruned"), row(1));
    assertTrue(row(2).endsWith("present"), row(2));
    assertTrue(row(4).endsWith("pruned"), row(4));
    assertEquals(0, cli("model", "show", "--version", "4"), err);
    assertTrue(lines().get(5).startsWith("artifacts  pruned at 20"), lines().get(5));

    assertEquals(0, cli("model", "prune", "--keep", "2"), err);
    assertEquals("nothing to prune in " + M + " (keeping the newest 2 versions, every aliased version and the champion's rollback"
        + " target)\n", out);
  }

  @Test
  void keepComesFromConfigAndIsChecked() {
    cli("model", "promote", "--version", "6");   // else v1 is where a rollback from v2 goes, and stays
    assertEquals(0, cli("model", "prune"), err);
    assertTrue(out.startsWith("pruned the model artifacts of v1 of " + M + " (keeping the newest 5 versions"), out);
    assertEquals(2, cli("model", "prune", "--keep", "0"));
    assertEquals("coinlake: --keep must be at least 1, got 0\n", err);
    assertEquals(2, cli("model", "prune", "--set", "mlflow.keepModelVersions=0"));
    assertTrue(err.startsWith("coinlake: --set overrides: invalid value under 'mlflow'"), err);
    assertTrue(err.contains("'keepModelVersions' must be > 0, got 0"), err);
    assertTrue(Files.isDirectory(modelFolder(2)));
  }
}
