package io.coinlake.ingest;

import java.util.Map;

/** Rows read from one file and where they went at ingest: rowsRead = rowsToBronze + rowsQuarantined. */
public record FileIngestCount(String sourceFile, long rowsRead, long rowsToBronze, long rowsQuarantined,
    Map<String, Long> quarantinedByReason, String fileError) {}
