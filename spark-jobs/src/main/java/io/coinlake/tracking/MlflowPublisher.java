package io.coinlake.tracking;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Replays a local file store ({@code ./mlruns}) into a tracking server, for {@code coinlake mlflow
 * publish}: every active run of every experiment with its name, user, start and end time, status,
 * params, full metric histories (timestamps and steps as logged), tags, parent/child link and
 * artifacts, then every registered version (its source moved to the published run's artifacts)
 * with its tags, and the aliases: an alias absent on the server, or on a version published from
 * here, follows the local store; one on a version the server's users made is left alone and reported.
 *
 * <p>Idempotent: a published run carries the tag {@value #PUBLISHED_FROM} = its local run id, and a
 * published version the same tag = {@code <local run id>/v<local version>}; both are looked up
 * before anything is created, so a second publish creates nothing. The marker is set last, so a
 * publish that broke off half-way replays that run again (the half-done copy stays, unmarked).
 */
public final class MlflowPublisher {
  public static final String PUBLISHED_FROM = "coinlake.published_from";

  /** What a publish did. */
  public record Report(int runsPublished, int runsSkipped, int versionsPublished, int versionsSkipped, int aliasesSet) {}

  private final FileStoreBackend from;
  private final MlflowRestBackend to;
  private final Consumer<String> log;
  private final Map<String, String> runIds = new HashMap<>();
  private int runsPublished;
  private int runsSkipped;
  private int versionsPublished;
  private int versionsSkipped;
  private int aliasesSet;

  public MlflowPublisher(FileStoreBackend from, MlflowRestBackend to, Consumer<String> log) {
    this.from = from;
    this.to = to;
    this.log = log;
  }

  public Report publish() {
    for (ExperimentMeta experiment : from.store().activeExperiments()) {
      List<RunMeta> runs = from.store().activeRuns(experiment.experimentId());
      if (runs.isEmpty()) {
        continue;
      }
      String target = to.getOrCreateExperiment(experiment.name());
      for (RunMeta run : parentsFirst(runs)) {
        publishRun(run, target);
      }
    }
    for (String model : from.listModels()) {
      publishModel(model);
    }
    return new Report(runsPublished, runsSkipped, versionsPublished, versionsSkipped, aliasesSet);
  }

  /** Runs ordered so that a parent in the same list comes before its children. */
  private List<RunMeta> parentsFirst(List<RunMeta> runs) {
    Set<String> ids = new HashSet<>();
    runs.forEach(r -> ids.add(r.runId()));
    List<RunMeta> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    List<RunMeta> pending = new ArrayList<>(runs);
    while (!pending.isEmpty()) {
      boolean progress = false;
      for (var it = pending.iterator(); it.hasNext(); ) {
        RunMeta run = it.next();
        String parent = from.tags(run.runId()).get(MlflowTags.PARENT_RUN_ID);
        if (parent == null || !ids.contains(parent) || placed.contains(parent)) {
          out.add(run);
          placed.add(run.runId());
          it.remove();
          progress = true;
        }
      }
      if (!progress) { // a cycle cannot come from MLflow; keep the rest in start order
        out.addAll(pending);
        break;
      }
    }
    return out;
  }

  private void publishRun(RunMeta run, String targetExperiment) {
    String local = run.runId();
    Optional<String> done = to.restTracking().findRunByTag(targetExperiment, PUBLISHED_FROM, local);
    if (done.isPresent()) {
      runIds.put(local, done.get());
      runsSkipped++;
      return;
    }
    Map<String, String> tags = new LinkedHashMap<>(from.tags(local));
    String parent = tags.remove(MlflowTags.PARENT_RUN_ID);
    if (parent != null && runIds.containsKey(parent)) {
      tags.put(MlflowTags.PARENT_RUN_ID, runIds.get(parent));
    } else if (parent != null) {
      log.accept("run " + local + ": its parent " + parent + " is not in the store; published without the parent link");
    }
    String history = tags.remove(MlflowTags.LOGGED_MODELS);
    String name = run.runName() != null ? run.runName() : tags.getOrDefault(MlflowTags.RUN_NAME, local);
    String remote = to.restTracking().createRunAs(targetExperiment, name, run.userId(), run.startTime(), tags);
    runIds.put(local, remote);
    to.logParams(remote, from.params(local));
    for (String key : from.store().metricKeys(local)) {
      to.restTracking().logMetricPoints(remote, key, from.metricHistory(local, key));
    }
    if (history != null) { // the UI's model list names the run that logged each model
      to.setTags(remote, Map.of(MlflowTags.LOGGED_MODELS, history.replace(local, remote)));
    }
    Path artifacts = FileUris.toPath(run.artifactUri());
    if (Files.isDirectory(artifacts) && hasFiles(artifacts)) {
      to.logArtifacts(remote, artifacts, "");
    }
    if (run.status() != RunStatus.RUNNING) {
      to.restTracking().updateRun(remote, run.status(), run.endTime());
    }
    to.setTags(remote, Map.of(PUBLISHED_FROM, local));
    runsPublished++;
    log.accept("published run " + name + " (" + local + " -> " + remote + ")");
  }

  private static boolean hasFiles(Path dir) {
    try (var files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    } catch (java.io.IOException e) {
      throw new TrackingException("cannot read the artifacts folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private void publishModel(String model) {
    Map<String, Integer> published = new HashMap<>();
    for (ModelVersion remote : to.listVersions(model)) {
      String marker = to.versionTags(model, remote.version()).get(PUBLISHED_FROM);
      if (marker != null) {
        published.put(marker, remote.version());
      }
    }
    Map<Integer, Integer> versions = new HashMap<>();
    for (ModelVersion version : from.listVersions(model)) {
      String marker = (version.runId() == null ? model : version.runId()) + "/v" + version.version();
      Integer remote = published.get(marker);
      if (remote == null) {
        remote = publishVersion(model, version, marker);
        versionsPublished++;
      } else {
        versionsSkipped++;
      }
      versions.put(version.version(), remote);
    }
    Map<String, Integer> remoteAliases = to.aliases(model);
    Set<Integer> ours = new java.util.HashSet<>(versions.values());
    from.aliases(model).forEach((alias, localVersion) -> {
      Integer remote = versions.get(localVersion);
      Integer current = remoteAliases.get(alias);
      if (remote == null || remote.equals(current)) {
        return;
      }
      if (current != null && !ours.contains(current)) {
        // the server's own version: its team moved it there; never take it away silently
        log.accept("alias " + model + "@" + alias + " left at the server's version " + current + " (not published from here);"
            + " the local one is version " + remote + " there: ./coinlake model promote --version " + remote + " moves it");
        return;
      }
      to.setAlias(model, alias, remote);
      aliasesSet++;
      log.accept("alias " + model + "@" + alias + " -> version " + remote);
    });
  }

  private int publishVersion(String model, ModelVersion version, String marker) {
    String remoteRun = version.runId() == null ? null : runIds.get(version.runId());
    String source = version.source();
    if (remoteRun != null) {
      String localRoot = from.artifactUri(version.runId());
      if (source.startsWith(localRoot)) {
        source = to.artifactUri(remoteRun) + source.substring(localRoot.length());
      }
    } else if (version.runId() != null) {
      log.accept("model " + model + " version " + version.version() + ": its run " + version.runId()
          + " was not published; registered with its local source " + source);
    }
    ModelVersion created = to.createVersion(model, source, remoteRun);
    for (Map.Entry<String, String> tag : from.versionTags(model, version.version()).entrySet()) {
      to.setVersionTag(model, created.version(), tag.getKey(), tag.getValue());
    }
    to.setVersionTag(model, created.version(), PUBLISHED_FROM, marker);
    log.accept("published model " + model + " version " + version.version() + " as version " + created.version());
    return created.version();
  }
}
