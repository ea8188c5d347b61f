package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class IngestedFilesTest {
  @Test
  void sameContentIsTheSameInputUnlessTheNameCarriesData() {
    assertEquals(IngestedFiles.contentKey("abc", "/in/a.csv", false), IngestedFiles.contentKey("abc", "/other/b.csv", false));
    String first = IngestedFiles.contentKey("abc", "l/coingecko/markets/20261121T101502.123Z_p2.json", true);
    String later = IngestedFiles.contentKey("abc", "l/coingecko/markets/20261121T111502.123Z_p2.json", true);
    assertNotEquals(first, later, "an identical body fetched later is another snapshot");
    assertEquals(first, IngestedFiles.contentKey("abc", "s3a://b/l/coingecko/markets/20261121T101502.123Z_p2.json", true));
  }
}
