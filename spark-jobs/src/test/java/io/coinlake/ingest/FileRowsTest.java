package io.coinlake.ingest;

import static io.coinlake.lake.Columns.*;
import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.ConfigLoader;
import io.coinlake.lake.RecordKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** What the reader's tasks make of one parsed file: its summary and its rows agree, repeats inside the file are flagged. */
class FileRowsTest {
  private static final SourceFormat FORMAT = new OhlcvCsvFormat(ConfigLoader.load(null, List.of()).layout("kaggle"), "1d");
  private static final int WIDTH = FORMAT.valueSchema().size();
  private static final int[] KEY = FileRows.keyIndex(FORMAT.valueSchema(), RecordKind.OHLCV.key());

  private static SourceFile file(String text) {
    return SourceFile.parse("file:/in/coin_X.csv", text.getBytes(StandardCharsets.UTF_8), FORMAT);
  }

  private static final String HEADER = "SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap\n";

  @Test
  void theKeyIsFoundAmongTheValueColumnsOrNot() {
    assertArrayEquals(new int[] {0, 1, 2}, KEY);
    assertNull(FileRows.keyIndex(FORMAT.valueSchema(), List.of(SYMBOL, FEED)), "feed is not a value of a candle");
  }

  @Test
  void aRepeatedKeyInAFileFlagsTheEarlierRowAndTheSummaryCountsIt() {
    SourceFile f = file(HEADER
        + "1,X,XX,2021-01-01 23:59:59,2,1,1.5,1.8,10,100\n"
        + "2,X,XX,2021-01-02 23:59:59,2,1,1.5,1.8,10,100\n"
        + "3,X,XX,2021-01-01 12:00:00,2,1,1.5,1.9,10,100\n"       // the same day as the first row: this later row is kept
        + "4,X,XX,2021-01-03 23:59:59,2,1,oops,1.8,10,100\n"     // unreadable
        + "5,Y,YY,2021-01-03 23:59:59,2,1,1.5,1.8,10,100\n");
    FileSummary s = FileRows.summarize(f, false, KEY);
    assertEquals(5, s.records());
    assertEquals(Map.of(ParsedRecord.UNREADABLE, 1L), s.failedByCheck());
    assertEquals(1, s.duplicatesInFile());
    assertEquals(2, s.rejectedInFile());
    assertEquals(Set.of("XX", "YY"), s.firstKeys());
    assertEquals(f.sha256(), s.sha256());
    assertFalse(s.known());

    List<Row> rows = FileRows.rows(f, WIDTH, KEY);
    assertEquals(5, rows.size());
    int line = WIDTH + 1;
    int record = WIDTH + 2;
    int error = WIDTH + 4;
    int repeated = WIDTH + 7;
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i + 2L, rows.get(i).getLong(line));
      assertEquals(i + 1L, rows.get(i).getLong(record));
    }
    assertEquals(List.of(true, false, false, false, false), rows.stream().map(r -> r.getBoolean(repeated)).toList());
    assertNotNull(rows.get(3).get(error));
    assertEquals("file:/in/coin_X.csv", rows.get(0).getString(WIDTH));
  }

  @Test
  void withoutAKeyNothingIsComparedAndTheFirstKeysAreUnknown() {
    SourceFile f = file(HEADER + "1,X,XX,2021-01-01 23:59:59,2,1,1.5,1.8,10,100\n2,X,XX,2021-01-01 23:59:59,2,1,1.5,1.8,10,100\n");
    FileSummary s = FileRows.summarize(f, false, null);
    assertEquals(0, s.duplicatesInFile());
    assertNull(s.firstKeys());
    assertFalse(FileRows.rows(f, WIDTH, null).get(0).getBoolean(WIDTH + 7));
  }

  @Test
  void aKnownFileAndAnUnreadableFileCarryNoCounts() {
    FileSummary known = FileRows.summarize(file(HEADER + "1,X,XX,2021-01-01 23:59:59,2,1,1.5,1.8,10,100\n"), true, KEY);
    assertTrue(known.known());
    assertTrue(known.readable());
    assertEquals(0, known.records());
    FileSummary unreadable = FileRows.summarize(file("a,b\n1,2\n"), true, KEY);
    assertFalse(unreadable.readable());
    assertFalse(unreadable.known(), "an unreadable file is reported unreadable even if its bytes were seen");
    assertTrue(unreadable.error().startsWith("header lacks column(s)"), unreadable.error());
  }
}
