package io.coinlake.monitor;

import io.coinlake.tracking.MetricPoint;
import io.coinlake.tracking.ModelPromotion;
import io.coinlake.tracking.ModelVersion;
import io.coinlake.tracking.Tracking;
import io.coinlake.tracking.TrackingBackend;
import io.coinlake.train.Metrics;
import io.coinlake.train.TrainRunKeys;
import io.coinlake.train.TrainingException;
import io.coinlake.train.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model a report monitors: the registered version the {@code champion} alias points at, what
 * its training run recorded about its inputs ({@link TrainingSpec}: the training table's Delta
 * version, the as-of date, the features, the horizon, the QLIKE floor), the candidate it selected,
 * and its walk-forward CV errors.
 */
public record ChampionRun(ModelVersion version, TrainingSpec spec, String selectedModel, ErrorMetrics cv) {

  /** Reads the champion of {@code registeredModel}; fails with one line when there is none or its run lacks its inputs. */
  public static ChampionRun read(Tracking tracking, String registeredModel, String trackingUri) {
    ModelVersion champion = tracking.registry().getByAlias(registeredModel, ModelPromotion.CHAMPION)
        .orElseThrow(() -> new MonitoringException("registered model '" + registeredModel + "' has no '" + ModelPromotion.CHAMPION
            + "' alias in " + trackingUri + "; run ./coinlake train first"));
    TrackingBackend runs = tracking.runs();
    Map<String, String> params = runs.params(champion.runId());
    TrainingSpec spec;
    try {
      spec = TrainingSpec.fromParams(champion.runId(), params);
    } catch (TrainingException e) {
      throw new MonitoringException("the champion " + registeredModel + " v" + champion.version() + " cannot be monitored: its training run "
          + champion.runId() + " does not record its training data (" + e.getMessage() + "); retrain with ./coinlake train");
    }
    Map<String, Double> cv = new LinkedHashMap<>();
    for (String metric : List.of(Metrics.RMSE, Metrics.MAE, Metrics.QLIKE)) {
      List<MetricPoint> history = runs.metricHistory(champion.runId(), TrainRunKeys.cvMetric(metric));
      if (!history.isEmpty()) {
        cv.put(TrainRunKeys.cvMetric(metric), history.get(history.size() - 1).value());
      }
    }
    return new ChampionRun(champion, spec, params.getOrDefault(TrainRunKeys.SELECTED_MODEL, ""), ModelQuality.cvErrors(cv));
  }
}
