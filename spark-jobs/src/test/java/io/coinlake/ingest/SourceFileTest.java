package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.ingest.MarketSnapshotCsvFormat.PercentUnit;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** File-level problems become one line on the file, never an exception that stops the batch. */
class SourceFileTest {
  private static final SourceFormat FORMAT = new MarketSnapshotCsvFormat(PercentUnit.FRACTION);

  private static SourceFile parse(byte[] bytes) {
    return SourceFile.parse("in/x.csv", bytes, FORMAT);
  }

  @Test
  void namesHadoopTreatsAsHiddenAreNamedWithTheReason() {
    assertEquals("the file name starts with '.', so Hadoop treats it as hidden and it cannot be read;"
        + " rename it if it holds data, or remove it (a macOS ._ file holds only metadata)",
        SourceFile.hiddenNameProblem("file:/data/ticks/._capture.ndjson"));
    assertTrue(SourceFile.hiddenNameProblem("s3a://bucket/ticks/_capture.ndjson").startsWith("the file name starts with '_'"));
    assertNull(SourceFile.hiddenNameProblem("file:/data/_staging/.x/capture.ndjson"), "only the last path segment counts");
    assertNull(SourceFile.hiddenNameProblem("capture_1.ndjson"));
  }

  @Test
  void aHiddenFileIsUnreadableWithItsSizeAndNoHash() {
    SourceFile f = SourceFile.hidden("file:/data/ticks/._capture.ndjson", 4096);
    assertFalse(f.readable());
    assertEquals(4096, f.bytes());
    assertNull(f.sha256());
    assertEquals(SourceFile.hiddenNameProblem("file:/data/ticks/._capture.ndjson"), f.error());
    assertThrows(IllegalArgumentException.class, () -> SourceFile.hidden("file:/data/ticks/capture.ndjson", 1));
  }

  @Test
  void anEmptyFileIsUnreadable() {
    SourceFile f = parse(new byte[0]);
    assertEquals("file is empty (0 bytes); remove it or export it again", f.error());
    assertEquals(0, f.records().size());
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", f.sha256());
  }

  @Test
  void latin1TextIsRejectedAsNotUtf8() {
    SourceFile f = parse("coin,symbol,price,date\nCaf\u00e9,CAF,1,2022-03-16\n".getBytes(StandardCharsets.ISO_8859_1));
    assertTrue(f.error().startsWith("file is not valid UTF-8"), f.error());
  }

  @Test
  void gzipBytesAreRejectedAsBinary() {
    SourceFile f = parse(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
    assertFalse(f.readable());
  }

  @Test
  void nulBytesInValidUtf8AreRejectedAsBinary() {
    SourceFile f = parse("a,b\0c\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(f.error().startsWith("file contains NUL bytes"), f.error());
  }

  @Test
  void aBomIsStrippedBeforeTheHeaderIsRead() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "coin,symbol,price,date\nBitcoin,BTC,1,2022-03-16\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    SourceFile f = parse(all);
    assertTrue(f.readable(), f.error());
    assertEquals("BTC", f.records().get(0).values()[0]);
  }

  @Test
  void aParserBugBecomesTheFilesErrorInsteadOfAStackTrace() {
    SourceFormat broken = new SourceFormat() {
      @Override
      public org.apache.spark.sql.types.StructType valueSchema() {
        return ValueSchemas.MARKET_SNAPSHOT;
      }

      @Override
      public java.util.List<ParsedRecord> parse(String file, String text) {
        throw new IllegalStateException("boom");
      }
    };
    SourceFile f = SourceFile.parse("in/x.csv", "x".getBytes(StandardCharsets.UTF_8), broken);
    assertTrue(f.error().contains("parser failed (java.lang.IllegalStateException: boom)"), f.error());
  }
}
