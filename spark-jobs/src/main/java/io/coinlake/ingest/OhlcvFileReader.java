package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;

import io.coinlake.config.CsvLayout;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads OHLCV CSV files in parallel (one task per file) into one row per data line: the typed
 * candle, or the parse error. A file that is not UTF-8 text yields a single error row (line 0).
 */
public final class OhlcvFileReader {
  /** The schema of parsed lines; {@code error} is null for good rows. */
  public static final StructType SCHEMA = new StructType()
      .add(SYMBOL, DataTypes.StringType)
      .add(INTERVAL, DataTypes.StringType, false)
      .add(TS, DataTypes.TimestampType)
      .add(OPEN, DataTypes.DoubleType)
      .add(HIGH, DataTypes.DoubleType)
      .add(LOW, DataTypes.DoubleType)
      .add(CLOSE, DataTypes.DoubleType)
      .add(VOLUME, DataTypes.DoubleType)
      .add(MARKET_CAP, DataTypes.DoubleType)
      .add(SOURCE_FILE, DataTypes.StringType, false)
      .add(SOURCE_LINE, DataTypes.LongType, false)
      .add(RAW_LINE, DataTypes.StringType)
      .add(ERROR, DataTypes.StringType);

  private OhlcvFileReader() {}

  public static Dataset<Row> read(SparkSession spark, List<String> files, CsvLayout layout, String interval) {
    OhlcvCsvParser parser = new OhlcvCsvParser(layout, interval);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = jsc.binaryFiles(String.join(",", files), Math.max(1, Math.min(files.size(), 64)))
        .flatMap(file -> {
          byte[] bytes = file._2().toArray();
          List<Row> out = new ArrayList<>();
          for (ParsedLine line : parseBytes(parser, file._1(), bytes)) {
            out.add(toRow(line, interval));
          }
          return out.iterator();
        });
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** Decodes strictly as UTF-8 and parses; undecodable input becomes one error line. */
  static List<ParsedLine> parseBytes(OhlcvCsvParser parser, String file, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return List.of(ParsedLine.failed(file, 0, null, "file is not UTF-8 text (binary or another encoding); re-export it as UTF-8 CSV"));
    }
    if (text.indexOf('\0') >= 0) {
      return List.of(ParsedLine.failed(file, 0, null, "file contains NUL bytes (binary?); expected a CSV text file"));
    }
    return parser.parse(file, text.lines().toList());
  }

  private static Row toRow(ParsedLine p, String interval) {
    return RowFactory.create(p.symbol(), interval,
        p.tsEpochSeconds() == null ? null : new Timestamp(p.tsEpochSeconds() * 1000L),
        p.open(), p.high(), p.low(), p.close(), p.volume(), p.marketCap(),
        p.sourceFile(), p.sourceLine(), p.rawLine(), p.error());
  }
}
