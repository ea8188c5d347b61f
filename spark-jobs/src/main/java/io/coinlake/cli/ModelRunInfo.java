package io.coinlake.cli;

import io.coinlake.orchestrate.ErrorLines;
import io.coinlake.tracking.MetricPoint;
import io.coinlake.tracking.MlflowTags;
import io.coinlake.tracking.TrackingBackend;
import io.coinlake.tracking.TrackingException;
import io.coinlake.train.Candidates;
import io.coinlake.train.Metrics;
import io.coinlake.train.TrainRunKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code coinlake model list/show} show of the run behind a version, read through {@link
 * TrackingBackend}: name, params, tags and the CV means train logged. A run that cannot be read
 * gives {@code error} (one line) instead of failing the whole listing.
 */
record ModelRunInfo(
    String runId, String runName, Map<String, String> params, Map<String, String> tags, Map<String, Double> metrics,
    String error) {

  static final List<String> BASELINES = List.of(Candidates.PERSISTENCE, Candidates.HAR_LINEAR);

  /** Reads the run; {@code allMetrics} adds every CV mean and the baselines', else only the selection metric. */
  static ModelRunInfo read(TrackingBackend runs, String runId, boolean allMetrics) {
    if (runId == null) {
      return new ModelRunInfo(null, null, Map.of(), Map.of(), Map.of(), "the version has no run");
    }
    try {
      Map<String, String> params = runs.params(runId);
      Map<String, String> tags = runs.tags(runId);
      Map<String, Double> metrics = new LinkedHashMap<>();
      String selection = params.get(TrainRunKeys.SELECTION_METRIC);
      if (allMetrics) {
        for (String m : Metrics.ALL) {
          latest(runs, runId, TrainRunKeys.cvMetric(m), metrics);
        }
        for (String baseline : BASELINES) {
          for (String m : Metrics.ALL) {
            latest(runs, runId, TrainRunKeys.baselineCvMetric(baseline, m), metrics);
          }
        }
        latest(runs, runId, TrainRunKeys.TRAINING_ROWS, metrics);
      } else if (selection != null) {
        latest(runs, runId, TrainRunKeys.cvMetric(selection), metrics);
      }
      return new ModelRunInfo(runId, tags.get(MlflowTags.RUN_NAME), params, tags, metrics, null);
    } catch (TrackingException | IllegalArgumentException e) {
      return new ModelRunInfo(runId, null, Map.of(), Map.of(), Map.of(), "run " + runId + " cannot be read: "
          + ErrorLines.oneLine(e));
    }
  }

  private static void latest(TrackingBackend runs, String runId, String key, Map<String, Double> into) {
    List<MetricPoint> history = runs.metricHistory(runId, key);
    if (!history.isEmpty()) {
      into.put(key, history.get(history.size() - 1).value());
    }
  }

  String selectedModel() {
    String fromParam = params.get(TrainRunKeys.SELECTED_MODEL);
    return fromParam != null ? fromParam : tags.get(TrainRunKeys.SELECTED_MODEL_TAG);
  }

  String selectionMetric() {
    return params.get(TrainRunKeys.SELECTION_METRIC);
  }

  /** The winner's CV mean of the selection metric, or null. */
  Double selectionValue() {
    String metric = selectionMetric();
    return metric == null ? null : metrics.get(TrainRunKeys.cvMetric(metric));
  }
}
