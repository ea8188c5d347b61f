package io.coinlake.tracking;

/** One version of a registered model: where its files are ({@code source}) and the run that made it. */
public record ModelVersion(
    String name, int version, String source, String runId, long creationTimestamp) {}
