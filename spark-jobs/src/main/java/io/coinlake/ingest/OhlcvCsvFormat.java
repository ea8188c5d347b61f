package io.coinlake.ingest;

import io.coinlake.config.CsvLayout;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/** OHLCV candles in a CSV layout from the config (kaggle, per_coin_file, ...): {@link OhlcvCsvParser} as a {@link SourceFormat}. */
public final class OhlcvCsvFormat implements SourceFormat {
  private final OhlcvCsvParser parser;
  private final String interval;

  public OhlcvCsvFormat(CsvLayout layout, String interval) {
    this.parser = new OhlcvCsvParser(layout, interval);
    this.interval = interval;
  }

  @Override
  public StructType valueSchema() {
    return ValueSchemas.OHLCV;
  }

  @Override
  public List<ParsedRecord> parse(String file, String text) {
    List<ParsedRecord> out = new ArrayList<>();
    for (ParsedLine p : parser.parse(file, text.lines().toList())) {
      out.add(p.ok()
          ? ParsedRecord.ok(p.sourceLine(), p.rawLine(), p.symbol(), interval, SourceFileReader.timestamp(p.tsEpochSeconds()),
              p.open(), p.high(), p.low(), p.close(), p.volume(), p.marketCap())
          : ParsedRecord.failed(p.sourceLine(), p.rawLine(), p.error()));
    }
    return out;
  }
}
