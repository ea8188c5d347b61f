package io.coinlake.ingest;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A format a source's files arrive in (a CSV layout, an API's JSON, a websocket NDJSON capture):
 * the typed value columns of one record and a pure parser for one whole file. No Spark, no I/O:
 * {@link SourceFileReader} reads the bytes, decodes strict UTF-8 and adds the lineage columns.
 *
 * <p>Contract of {@link #parse}: every data record of the file yields exactly one
 * {@link ParsedRecord}, good or failed, so rows read = good + failed. A problem that makes the
 * whole file unreadable (a required header column missing, truncated JSON, a JSON document of the
 * wrong shape) throws {@link UnreadableFileException} with a one-line reason instead.
 */
public interface SourceFormat extends Serializable {
  /** The value columns of a good record, in the order of {@link ParsedRecord#values()}. */
  StructType valueSchema();

  /** Parses one file's text; {@code file} is its path (for messages, or data when {@link #nameCarriesData()}). */
  List<ParsedRecord> parse(String file, String text);

  /**
   * True when the file name holds data (a landing file's fetch time, product, granularity): then
   * a file is skipped as already ingested only when both its content and its name were seen.
   */
  default boolean nameCarriesData() {
    return false;
  }
}
