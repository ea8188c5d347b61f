package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.ConfigLoader;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import io.coinlake.lake.RecordKind;
import io.coinlake.testing.SparkTestSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bronze writer's two ways to find repeated keys (inside files, when no two files share a
 * symbol; ranked over the whole batch otherwise) give the same tables and counts.
 */
class BronzeWriterTest {
  private static final SourceFormat FORMAT = new OhlcvCsvFormat(ConfigLoader.load(null, List.of()).layout("kaggle"), "1d");
  private static final List<String> KEY = RecordKind.OHLCV.key();
  private static final int[] KEY_INDEX = FileRows.keyIndex(FORMAT.valueSchema(), KEY);
  private static final String HEADER = "SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap\n";
  private static final Timestamp NOW = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));

  @TempDir
  Path dir;

  private static String line(int n, String symbol, int day, double close) {
    return n + ",Coin," + symbol + ",2021-01-0" + day + " 23:59:59,100,0.5," + close + "," + close + ",10,1000\n";
  }

  private static final Map<String, SourceFile> FILES = new LinkedHashMap<>();

  static {
    add("file:/in/coin_AAA.csv", HEADER + line(1, "AAA", 1, 1.0) + line(2, "AAA", 2, 2.0) + line(3, "AAA", 2, 2.5)
        + "4,Coin,AAA,2021-01-04 23:59:59,x,0.5,1,1,10,1000\n" + line(5, "AAA", 3, 3.0));
    add("file:/in/coin_BBB.csv", HEADER + line(1, "BBB", 1, 7.0) + line(2, "BBB", 2, 8.0));
  }

  private static void add(String path, String text) {
    FILES.put(path, SourceFile.parse(path, text.getBytes(StandardCharsets.UTF_8), FORMAT));
  }

  private static BronzeWriter.Records records() {
    SparkSession spark = SparkTestSession.get();
    return files -> {
      List<Row> rows = new ArrayList<>();
      files.stream().sorted().forEach(f -> rows.addAll(FileRows.rows(FILES.get(f), FORMAT.valueSchema().size(), KEY_INDEX)));
      return spark.createDataFrame(rows, SourceFileReader.schema(FORMAT)).withColumn(INGESTED_AT, lit(NOW)).withColumn(BATCH_ID, lit("b1"));
    };
  }

  private static List<FileSummary> summaries(List<String> paths, boolean withFirstKeys) {
    return paths.stream().map(p -> {
      FileSummary s = FileRows.summarize(FILES.get(p), false, KEY_INDEX);
      return withFirstKeys ? s : new FileSummary(s.path(), s.bytes(), s.sha256(), s.error(), s.known(), s.records(), s.failedByCheck(),
          s.duplicatesInFile(), null, s.extraKeys());
    }).toList();
  }

  private static List<String> table(Lake lake, LakeTable table) {
    Dataset<Row> rows = lake.read(SparkTestSession.get(), table);
    String[] columns = rows.columns();
    Arrays.sort(columns);
    return rows.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Map<String, String> counts(Map<String, BronzeWriter.FileCounts> counts) {
    Map<String, String> out = new TreeMap<>();
    counts.forEach((f, c) -> out.put(f, c.toBronze() + "|" + c.quarantined() + "|" + new TreeMap<>(c.byReason())));
    return out;
  }

  @Test
  void repeatsFoundInsideFilesAndRepeatsRankedOverTheBatchGiveTheSameTables() {
    SparkSession spark = SparkTestSession.get();
    List<String> paths = List.copyOf(FILES.keySet());
    Lake inFiles = new Lake(dir.resolve("in-files").toString());
    Lake ranked = new Lake(dir.resolve("ranked").toString());
    assertTrue(BronzeWriter.disjoint(summaries(paths, true)));
    Map<String, String> a = counts(BronzeWriter.write(spark, inFiles, RecordKind.OHLCV, records(), summaries(paths, true)));
    Map<String, String> b = counts(BronzeWriter.write(spark, ranked, RecordKind.OHLCV, records(), summaries(paths, false)));
    assertEquals(Map.of("file:/in/coin_AAA.csv", "3|2|{duplicate_key=1, unreadable=1}", "file:/in/coin_BBB.csv", "2|0|{}"), a);
    assertEquals(a, b);
    assertEquals(table(inFiles, LakeTable.BRONZE_OHLCV), table(ranked, LakeTable.BRONZE_OHLCV));
    assertEquals(table(inFiles, LakeTable.QUARANTINE_OHLCV), table(ranked, LakeTable.QUARANTINE_OHLCV));
    List<Row> kept = inFiles.read(spark, LakeTable.BRONZE_OHLCV).where("symbol = 'AAA' AND ts = '2021-01-02'").collectAsList();
    assertEquals(1, kept.size());
    assertEquals(2.5, kept.get(0).<Double>getAs(CLOSE), "the later row of the file is kept");
    assertEquals(List.of("3:duplicate_key", "5:unreadable"), inFiles.read(spark, LakeTable.QUARANTINE_OHLCV).orderBy(SOURCE_LINE)
        .collectAsList().stream().map(r -> r.<Long>getAs(SOURCE_LINE) + ":" + r.getAs(CHECK)).toList());
  }

  @Test
  void aKeyInTwoFilesKeepsTheLaterFilesRow() {
    add("file:/in/coin_AAA2.csv", HEADER + line(1, "AAA", 3, 30.0) + line(2, "AAA", 4, 40.0));
    try {
      SparkSession spark = SparkTestSession.get();
      List<String> paths = List.copyOf(FILES.keySet());
      assertFalse(BronzeWriter.disjoint(summaries(paths, true)), "AAA is in two files");
      Lake lake = new Lake(dir.resolve("lake").toString());
      Map<String, String> c = counts(BronzeWriter.write(spark, lake, RecordKind.OHLCV, records(), summaries(paths, true)));
      assertEquals("2|3|{duplicate_key=2, unreadable=1}", c.get("file:/in/coin_AAA.csv"), "day 3 is in coin_AAA2.csv, which sorts later");
      assertEquals("2|0|{}", c.get("file:/in/coin_AAA2.csv"));
      Row day3 = lake.read(spark, LakeTable.BRONZE_OHLCV).where("symbol = 'AAA' AND ts = '2021-01-03'").first();
      assertEquals(30.0, day3.<Double>getAs(CLOSE));
      assertEquals(6, lake.read(spark, LakeTable.BRONZE_OHLCV).count());
      assertEquals(3, lake.read(spark, LakeTable.QUARANTINE_OHLCV).count());
    } finally {
      FILES.remove("file:/in/coin_AAA2.csv");
    }
  }
}
