package io.coinlake.fetch;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.ingest.LandingFileName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingZoneTest {
  @TempDir
  Path root;

  private static final LandingFileName NAME = LandingFileName.of(Instant.parse("2026-11-21T10:15:03.001Z"), List.of("BTC-USD", "86400"));

  @Test
  void writesTheBodyByteForByteUnderApiAndEndpoint() throws Exception {
    byte[] body = "[[1795219200,90100.01,92890.5,92370.78,91234.56,5123.45678901]]\n".getBytes(StandardCharsets.UTF_8);
    try (LandingZone landing = new LandingZone(root.toString(), new Configuration())) {
      String written = landing.write(Api.COINBASE, "candles", NAME, body);
      Path expected = root.resolve("coinbase/candles/20261121T101503.001Z_BTC-USD_86400.json");
      assertEquals(expected.toString(), Path.of(written.replaceFirst("^file:", "")).toString());
      assertArrayEquals(body, Files.readAllBytes(expected));
    }
    assertEquals(List.of("20261121T101503.001Z_BTC-USD_86400.json"), names(root.resolve("coinbase/candles")),
        "no .crc side files, nothing else");
  }

  @Test
  void neverOverwritesAnExistingFileButAddsACopyNumber() throws Exception {
    Path dir = Files.createDirectories(root.resolve("coinbase/candles"));
    Files.writeString(dir.resolve("20261121T101503.001Z_BTC-USD_86400.json"), "first");
    try (LandingZone landing = new LandingZone(root.toString(), new Configuration())) {
      String second = landing.write(Api.COINBASE, "candles", NAME, "second".getBytes(StandardCharsets.UTF_8));
      String third = landing.write(Api.COINBASE, "candles", NAME, "third".getBytes(StandardCharsets.UTF_8));
      assertTrue(second.endsWith("/20261121T101503.001Z_BTC-USD_86400.2.json"), second);
      assertTrue(third.endsWith("/20261121T101503.001Z_BTC-USD_86400.3.json"), third);
    }
    assertEquals("first", Files.readString(dir.resolve("20261121T101503.001Z_BTC-USD_86400.json")));
    assertEquals("second", Files.readString(dir.resolve("20261121T101503.001Z_BTC-USD_86400.2.json")));
    assertEquals("third", Files.readString(dir.resolve("20261121T101503.001Z_BTC-USD_86400.3.json")));
    assertEquals(NAME.fetchedAt(), LandingFileName.parse(dir.resolve("20261121T101503.001Z_BTC-USD_86400.3.json").toString()).fetchedAt());
  }

  static List<String> names(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
