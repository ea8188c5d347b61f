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
}
