package io.coinlake.train;

import java.util.Map;

/** What training produced: the CV means of every candidate, the winner, and its registry entry. */
public record TrainResult(
    String selectionMetric, String bestModel, Map<String, FoldMetrics> means, long trainingRows, int folds,
    String runId, int version, boolean championMoved, Integer previousChampion) {}
