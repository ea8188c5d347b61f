package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {
  @Test
  void splitsQuotedFieldsWithCommasAndEscapedQuotes() {
    assertEquals(List.of("a", "1,234", "say \"hi\"", ""), CsvLine.split("a,\"1,234\",\"say \"\"hi\"\"\","));
  }

  @Test
  void rejectsAnOpenQuote() {
    assertThrows(IllegalArgumentException.class, () -> CsvLine.split("a,\"b"));
  }

  @Test
  void splitsALineWithoutQuotesAtEveryComma() {
    assertEquals(List.of("2021-01-01", "1.5", "", " 2 ", ""), CsvLine.split("2021-01-01,1.5,, 2 ,"));
    assertEquals(List.of(""), CsvLine.split(""));
    assertEquals(List.of("", ""), CsvLine.split(","));
    assertEquals(CsvLine.split("a,\"b\",c"), CsvLine.split("a,b,c"), "quoting a field without commas changes nothing");
  }
}
