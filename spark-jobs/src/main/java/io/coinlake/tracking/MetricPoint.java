package io.coinlake.tracking;

/** One logged value of a metric: one line {@code <timestampMs> <value> <step>} of a metric file. */
public record MetricPoint(long timestampMs, double value, long step) {}
