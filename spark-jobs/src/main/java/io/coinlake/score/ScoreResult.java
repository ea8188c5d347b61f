package io.coinlake.score;

/** What scoring wrote: one prediction per symbol at its newest ts, by the champion version. */
public record ScoreResult(String modelName, int version, String runId, long predictions, String newestTs) {}
