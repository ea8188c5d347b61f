package io.coinlake.cli;

import io.coinlake.orchestrate.Console;
import io.coinlake.tracking.MlflowTags;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.RegistrySnapshot;
import io.coinlake.tracking.VersionTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** The text of {@code coinlake model list} and {@code model show}. Pure formatting: the data comes in. */
final class ModelTables {
  private static final String ROW = "%7s  %-19s  %-32s  %-22s  %-16s  %-18s  %s";

  private ModelTables() {}

  /** One model: a header line, then one row per version, newest first, then a note per unreadable run. */
  static void list(RegistrySnapshot snapshot, IntFunction<ModelRunInfo> runOf, Console console) {
    Integer champion = snapshot.aliasVersion(ModelPromotion.CHAMPION);
    console.line(snapshot.model() + ": " + snapshot.versions().size() + " version" + (snapshot.versions().size() == 1 ? "" : "s")
        + (champion == null ? ", no champion" : ", champion v" + champion));
    if (snapshot.versions().isEmpty()) {
      return;
    }
    console.line(String.format(Locale.ROOT, ROW, "version", "created (UTC)", "run id", "selected model", "selection (CV)",
        "aliases", "artifacts"));
    List<String> notes = new ArrayList<>();
    List<ModelVersion> newestFirst = new ArrayList<>(snapshot.versions());
    newestFirst.sort((a, b) -> Integer.compare(b.version(), a.version()));
    for (ModelVersion v : newestFirst) {
      ModelRunInfo run = runOf.apply(v.version());
      if (run.error() != null) {
        notes.add("v" + v.version() + ": " + run.error());
      }
      List<String> aliases = snapshot.aliasesOf(v.version());
      console.line(String.format(Locale.ROOT, ROW, v.version(), utc(v.creationTimestamp()), dash(v.runId()),
          dash(run.selectedModel()), selection(run), aliases.isEmpty() ? "-" : String.join(",", aliases),
          snapshot.pruned(v.version()) ? "pruned" : "present"));
    }
    notes.forEach(n -> console.line("  " + n));
  }

  /** One version in detail: registry fields, the run's selection, CV metrics and params, then both tag sets. */
  static void show(RegistrySnapshot snapshot, ModelVersion v, ModelRunInfo run, Console console) {
    Map<String, String> versionTags = snapshot.tagsOf(v.version());
    List<String> aliases = snapshot.aliasesOf(v.version());
    field(console, "model", v.name());
    field(console, "version", Integer.toString(v.version()));
    field(console, "aliases", aliases.isEmpty() ? "-" : String.join(", ", aliases));
    field(console, "created", utc(v.creationTimestamp()) + " UTC");
    field(console, "source", dash(v.source()));
    field(console, "artifacts", snapshot.pruned(v.version())
        ? "pruned" + suffix(" at ", versionTags.get(VersionTags.ARTIFACTS_PRUNED_AT)) : "present");
    field(console, "run id", dash(v.runId()));
    if (run.error() != null) {
      field(console, "run", run.error());
    }
    field(console, "run name", dash(run.runName()));
    field(console, "selected", run.selectedModel() == null ? "-"
        : run.selectedModel() + suffix(" by ", run.selectionMetric()) + (run.selectionValue() == null ? "" : " = " + number(run.selectionValue())));
    section(console, "cv metrics (means over the walk-forward folds)", asText(run.metrics()));
    section(console, "params", new TreeMap<>(run.params()));
    section(console, "version tags", new TreeMap<>(versionTags));
    Map<String, String> runTags = new TreeMap<>(run.tags());
    runTags.remove(MlflowTags.LOGGED_MODELS);
    section(console, "run tags", runTags);
  }

  private static Map<String, String> asText(Map<String, Double> metrics) {
    Map<String, String> out = new LinkedHashMap<>();
    metrics.forEach((k, value) -> out.put(k, number(value)));
    return out;
  }

  private static void field(Console console, String name, String value) {
    console.line(String.format(Locale.ROOT, "%-10s %s", name, value));
  }

  private static void section(Console console, String title, Map<String, String> entries) {
    console.line(title + (entries.isEmpty() ? ": none" : ""));
    int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
    entries.forEach((k, value) -> console.line(String.format(Locale.ROOT, "  %-" + width + "s  %s", k, value)));
  }

  private static String selection(ModelRunInfo run) {
    if (run.selectionMetric() == null) {
      return "-";
    }
    return run.selectionMetric() + " " + (run.selectionValue() == null ? "-" : String.format(Locale.ROOT, "%.4f", run.selectionValue()));
  }

  /** A metric in full: integers without a decimal point (row counts), others as Java prints doubles. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  static String utc(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString().replace("T", " ").replaceAll("\\.\\d+Z$|Z$", "");
  }

  private static String dash(String s) {
    return s == null || s.isEmpty() ? "-" : s;
  }

  private static String suffix(String prefix, String s) {
    return s == null ? "" : prefix + s;
  }
}
