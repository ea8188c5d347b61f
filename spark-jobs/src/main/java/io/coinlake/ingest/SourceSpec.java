package io.coinlake.ingest;

import io.coinlake.lake.RecordKind;

/**
 * One configured set of input files and how to read them: the record kind they become, the
 * format's name (recorded per file in ops.file_ingests), where they are, and the parser.
 * {@code optional} sources (the landing zone) may have no files yet; others must match something.
 */
public record SourceSpec(RecordKind kind, String formatName, String path, String glob, SourceFormat format,
    boolean optional) {}
