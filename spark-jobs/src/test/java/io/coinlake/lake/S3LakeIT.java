package io.coinlake.lake;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.cli.SparkSessions;
import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.testing.S3ProxyServer;
import io.coinlake.testing.SparkTestSession;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage layer on a real S3 server (s3proxy in its own process): a lake rooted at
 * s3a://bucket/lake gets Delta MERGEs, reads, catalog registration and SQL, and plain files
 * through LakeFiles and through a Spark-free Hadoop configuration (the landing-zone path).
 */
class S3LakeIT {
  private static final StructType OHLCV = new StructType()
      .add(SYMBOL, DataTypes.StringType).add(INTERVAL, DataTypes.StringType).add(TS, DataTypes.TimestampType)
      .add(CLOSE, DataTypes.DoubleType).add(INGESTED_AT, DataTypes.TimestampType);
  private static final Timestamp FIRST_RUN = Timestamp.valueOf("2024-03-01 10:00:00");
  private static final Timestamp SECOND_RUN = Timestamp.valueOf("2024-03-02 10:00:00");

  @TempDir
  static Path dir;
  static S3ProxyServer s3;
  static SparkSession spark;
  static CoinlakeConfig config;
  static Lake lake;
  static boolean setMaster;

  @BeforeAll
  static void startS3AndWrite() throws Exception {
    SparkTestSession.stopAll(); // the test credentials reach only a SparkContext created after exportCredentials()
    s3 = S3ProxyServer.start(dir);
    s3.exportCredentials();
    if (System.getProperty("spark.master") == null) {
      System.setProperty("spark.master", "local[2]");
      setMaster = true;
    }
    Path file = dir.resolve("s3.yaml");
    Files.writeString(file, String.join("\n",
        "lake: {root: '" + s3.uri("lake") + "'}",
        s3.s3ConfigYaml(),
        "spark: {shufflePartitions: 2}", ""));
    config = ConfigLoader.load(file, List.of());
    spark = SparkSessions.create(config, "S3LakeIT");
    lake = new Lake(config.lake().root());

    DeltaWrites.merge(spark, lake, LakeTable.BRONZE_OHLCV, candles(FIRST_RUN), List.of(INGESTED_AT), null);
    DeltaWrites.merge(spark, lake, LakeTable.BRONZE_OHLCV, candles(SECOND_RUN), List.of(INGESTED_AT), null);

    LakeFiles.writeText(spark, s3.uri("landing/ohlcv/b.csv"), "symbol,close\nETH,10.0\n");
    LakeFiles.writeText(spark, s3.uri("landing/ohlcv/a.csv"), "symbol,close\nBTC,101.0\n");
    LakeFiles.writeText(spark, s3.uri("landing/ohlcv/notes.txt"), "not a csv\n");

    Path local = Files.writeString(dir.resolve("uploaded.csv"), "symbol,close\nSOL,1.5\n");
    s3.upload(local, "landing/uploaded/c.csv");

    org.apache.hadoop.fs.Path plain = new org.apache.hadoop.fs.Path(s3.uri("landing/plain/hello.txt"));
    FileSystem fs = plain.getFileSystem(HadoopSettings.configuration(config.s3()));
    try (OutputStream out = fs.create(plain, true)) {
      out.write("hello from a Spark-free writer\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopEverything() {
    try {
      if (spark != null) {
        spark.stop();
      }
    } finally {
      if (setMaster) {
        System.clearProperty("spark.master");
      }
      if (s3 != null) {
        s3.close();
      }
    }
  }

  private static Dataset<Row> candles(Timestamp ingestedAt) {
    List<Row> rows = List.of(
        RowFactory.create("BTC", "1d", Timestamp.valueOf("2024-01-01 00:00:00"), 100.0, ingestedAt),
        RowFactory.create("BTC", "1d", Timestamp.valueOf("2024-01-02 00:00:00"), 101.0, ingestedAt),
        RowFactory.create("ETH", "1d", Timestamp.valueOf("2024-01-01 00:00:00"), 10.0, ingestedAt));
    return spark.createDataFrame(rows, OHLCV);
  }

  @Test
  void mergingTheSameCandlesTwiceLeavesOneRowPerKeyAndTheFirstLineage() {
    List<String> rows = lake.read(spark, LakeTable.BRONZE_OHLCV).orderBy(SYMBOL, TS).collectAsList().stream()
        .map(r -> r.getAs(SYMBOL) + " " + r.getAs(TS) + " " + r.getAs(CLOSE) + " " + r.getAs(INGESTED_AT))
        .toList();
    assertEquals(List.of(
        "BTC 2024-01-01 00:00:00.0 100.0 2024-03-01 10:00:00.0",
        "BTC 2024-01-02 00:00:00.0 101.0 2024-03-01 10:00:00.0",
        "ETH 2024-01-01 00:00:00.0 10.0 2024-03-01 10:00:00.0"), rows);
  }

  @Test
  void theTableLivesInTheS3Server() throws Exception {
    assertEquals("s3a://" + s3.bucket() + "/lake/bronze/ohlcv", lake.path(LakeTable.BRONZE_OHLCV));
    Path table = s3.bucketDir().resolve("lake/bronze/ohlcv");
    assertTrue(Files.isRegularFile(table.resolve("_delta_log/00000000000000000000.json")), "first commit in the bucket");
    try (Stream<Path> files = Files.list(table)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet")), "data files in the bucket");
    }
  }

  @Test
  void registeredTablesAnswerSql() {
    lake.registerTables(spark);
    List<String> result = spark.sql("SELECT symbol, count(*) AS n, max(close) AS top FROM bronze.ohlcv GROUP BY symbol ORDER BY symbol")
        .collectAsList().stream().map(r -> r.getString(0) + " " + r.getLong(1) + " " + r.getDouble(2)).toList();
    assertEquals(List.of("BTC 2 101.0", "ETH 1 10.0"), result);
  }

  @Test
  void lakeFilesWriteAndGlobOnS3() {
    String landing = s3.uri("landing/ohlcv");
    assertEquals(List.of(landing + "/a.csv", landing + "/b.csv"), LakeFiles.glob(spark, landing, "*.csv"));
    List<String> lines = spark.read().text(landing + "/a.csv").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("symbol,close", "BTC,101.0"), lines);
    LakeException missing = assertThrows(LakeException.class, () -> LakeFiles.glob(spark, s3.uri("landing/absent"), "*.csv"));
    assertTrue(missing.getMessage().contains(s3.uri("landing/absent") + " does not exist"), missing.getMessage());
  }

  @Test
  void aSparkFreeHadoopConfigurationWritesWhereSparkReads() throws Exception {
    assertEquals("hello from a Spark-free writer",
        spark.read().text(s3.uri("landing/plain/hello.txt")).first().getString(0));
    assertEquals("hello from a Spark-free writer\n",
        Files.readString(s3.bucketDir().resolve("landing/plain/hello.txt")), "the object is stored by s3proxy");
  }

  @Test
  void uploadedFilesAreObjectsSparkCanRead() {
    List<String> lines = spark.read().text(s3.uri("landing/uploaded/c.csv")).collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("symbol,close", "SOL,1.5"), lines);
  }

  @Test
  void closeStopsTheServerProcessByPid() throws Exception {
    S3ProxyServer other = S3ProxyServer.start(Files.createDirectories(dir.resolve("other")));
    long pid = other.pid();
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "running after start");
    assertNotEquals(s3.bucket(), other.bucket(), "every server gets its own bucket name");
    other.close();
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still alive after close()");
    assertThrows(java.io.IOException.class, () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", other.port()), 500);
      }
    });
    assertTrue(s3.isAlive(), "closing one server leaves the others running");
  }
}
