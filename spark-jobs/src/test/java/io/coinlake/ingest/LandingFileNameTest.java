package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandingFileNameTest {
  @Test
  void formatsUtcMillisAndPartsAndACopyNumber() {
    LandingFileName name = LandingFileName.of(Instant.parse("2026-11-21T10:15:02.123987Z"), List.of("p1"));
    assertEquals("20261121T101502.123Z_p1.json", name.fileName());
    assertEquals("20261121T101502.123Z_p1.2.json", name.withCopy(2).fileName());
    assertEquals("20261121T101503.001Z_BTC-USD_86400.json",
        LandingFileName.of(Instant.parse("2026-11-21T10:15:03.001Z"), List.of("BTC-USD", "86400")).fileName());
    assertEquals("20260102T030405.000Z.json", LandingFileName.of(Instant.parse("2026-01-02T03:04:05Z"), List.of()).fileName());
  }

  @Test
  void parsesBackFromAnyPath() {
    LandingFileName name = LandingFileName.parse("s3a://bucket/landing/coinbase/candles/20261121T101503.001Z_BTC-USD_86400.2.json");
    assertEquals(Instant.parse("2026-11-21T10:15:03.001Z"), name.fetchedAt());
    assertEquals(List.of("BTC-USD", "86400"), name.parts());
    assertEquals(2, name.copy());
    LandingFileName plain = LandingFileName.parse("20261121T101502.456Z.json");
    assertEquals(Instant.parse("2026-11-21T10:15:02.456Z"), plain.fetchedAt());
    assertEquals(List.of(), plain.parts());
    assertEquals(1, plain.copy());
  }

  @Test
  void aNameNotWrittenByFetchIsUnreadable() {
    UnreadableFileException e = assertThrows(UnreadableFileException.class, () -> LandingFileName.parse("/tmp/markets.json"));
    assertEquals("the file name 'markets.json' does not carry the fetch time (expected <yyyyMMdd>T<HHmmss.SSS>Z[_part...].json"
        + " as written by coinlake fetch); land API files with coinlake fetch", e.getMessage());
    UnreadableFileException impossible = assertThrows(UnreadableFileException.class, () -> LandingFileName.parse("20261131T101502.123Z.json"));
    assertTrue(impossible.getMessage().startsWith("the file name '20261131T101502.123Z.json' has an impossible fetch time"), impossible.getMessage());
  }

  @Test
  void partsThatWouldBreakTheNameAreRejected() {
    Instant t = Instant.parse("2026-11-21T10:15:02Z");
    assertThrows(IllegalArgumentException.class, () -> LandingFileName.of(t, List.of("a_b")));
    assertThrows(IllegalArgumentException.class, () -> LandingFileName.of(t, List.of("../x")));
    assertThrows(IllegalArgumentException.class, () -> LandingFileName.of(t, List.of("")));
  }
}
