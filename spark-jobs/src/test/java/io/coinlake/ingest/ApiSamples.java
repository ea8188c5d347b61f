package io.coinlake.ingest;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;

/** Reads the API samples under src/test/resources/api/ and compares parsed records value by value. */
final class ApiSamples {
  private ApiSamples() {}

  static String read(String path) {
    try (InputStream in = ApiSamples.class.getClassLoader().getResourceAsStream("api/" + path)) {
      assertNotNull(in, "missing test resource api/" + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** A good record on {@code line} with exactly these values (doubles to 1e-12 relative). */
  static void assertOk(ParsedRecord record, long line, Object... expected) {
    assertTrue(record.isOk(), () -> "expected a good record, got error: " + record.error());
    assertEquals(line, record.line(), "line");
    assertEquals(expected.length, record.values().length, "number of values");
    for (int i = 0; i < expected.length; i++) {
      Object want = expected[i];
      Object got = record.values()[i];
      if (want instanceof Double w && got instanceof Double g) {
        assertEquals(w, g, Math.abs(w) * 1e-12, "value " + i);
      } else {
        assertEquals(want, got, "value " + i);
      }
    }
  }

  static void assertFailed(ParsedRecord record, long line, String raw, String error) {
    assertFalse(record.isOk(), "expected a failed record");
    assertEquals(line, record.line(), "line");
    assertEquals(raw, record.raw(), "raw");
    assertEquals(error, record.error(), "error");
  }
}
