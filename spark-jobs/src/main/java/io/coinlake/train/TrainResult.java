package io.coinlake.train;

import io.coinlake.tracking.PruneReport;
import java.util.Map;

/**
 * What training produced: the CV means of every candidate, the winner, its registry entry, and
 * which old versions' model files retention pruned afterwards.
 */
public record TrainResult(
    String selectionMetric, String bestModel, Map<String, FoldMetrics> means, long trainingRows, int folds,
    String runId, int version, boolean championMoved, Integer previousChampion, PruneReport pruning) {}
