package io.coinlake.synth;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files on disk: byte-identical for a seed whatever the threads, different for another seed, manifest last, reuse. */
class MarketWriterTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreads() throws IOException {
    MarketSpec spec = new MarketSpec(5, 120, 42);
    MarketWriter.generate(spec, dir.resolve("a"), 1);
    MarketWriter.generate(spec, dir.resolve("b"), 4);
    for (int i = 0; i < spec.coins(); i++) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(spec.fileName(i))),
          Files.readAllBytes(dir.resolve("b").resolve(spec.fileName(i))), spec.fileName(i));
    }
    assertEquals(Files.readString(dir.resolve("a").resolve(Manifest.FILE_NAME)), Files.readString(dir.resolve("b").resolve(Manifest.FILE_NAME)));
  }

  @Test
  void theGeneratorItselfIsPinned() throws Exception {
    // the bytes of one small data set: if this changes, data sets of this version change, so bump Manifest.GENERATOR_VERSION
    MarketSpec spec = new MarketSpec(2, 30, 42);
    MarketWriter.generate(spec, dir, 2);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(Files.readAllBytes(dir.resolve(spec.fileName(0))));
    sha.update(Files.readAllBytes(dir.resolve(spec.fileName(1))));
    assertEquals(PINNED_SHA256, HexFormat.of().formatHex(sha.digest()));
  }

  static final String PINNED_SHA256 = "570087c41c40f58f697fec42e4a74a6041ab94b0a57c208e625db204c161b9a9";

  @Test
  void anotherSeedGivesOtherFiles() throws IOException {
    MarketWriter.generate(new MarketSpec(2, 60, 1), dir.resolve("a"), 2);
    MarketWriter.generate(new MarketSpec(2, 60, 2), dir.resolve("b"), 2);
    String a = Files.readString(dir.resolve("a/C0001-USD_1d.csv"));
    String b = Files.readString(dir.resolve("b/C0001-USD_1d.csv"));
    assertNotEquals(a, b);
    assertEquals(a.lines().map(l -> l.substring(0, 10)).toList(), b.lines().map(l -> l.substring(0, 10)).toList());
  }

  @Test
  void writesOneFilePerCoinAndAManifest() throws IOException {
    MarketSpec spec = new MarketSpec(3, 400, 9);
    MarketWriter.Result result = MarketWriter.generate(spec, dir, 2);
    assertFalse(result.reused());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("C0001-USD_1d.csv", "C0002-USD_1d.csv", "C0003-USD_1d.csv", Manifest.FILE_NAME),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Manifest m = Manifest.read(dir).orElseThrow();
    assertEquals(new Manifest(Manifest.GENERATOR_VERSION, 3, 400, 9, "2023-11-28", "2024-12-31", 1200, 3,
        Files.size(dir.resolve("C0001-USD_1d.csv")) + Files.size(dir.resolve("C0002-USD_1d.csv")) + Files.size(dir.resolve("C0003-USD_1d.csv")),
        "*-USD_1d.csv"), m);
    assertEquals(401, Files.readAllLines(dir.resolve("C0002-USD_1d.csv")).size());
    assertEquals(result.manifest(), m);
  }

  @Test
  void ensureReusesAMatchingFolderAndRegeneratesOtherwise() throws IOException {
    MarketSpec spec = new MarketSpec(3, 50, 4);
    MarketWriter.generate(spec, dir, 2);
    Path file = dir.resolve(spec.fileName(0));
    Files.writeString(file, "changed by hand\n", java.nio.file.StandardOpenOption.APPEND);
    assertTrue(MarketWriter.ensure(spec, dir, 2).reused());
    assertTrue(Files.readString(file).endsWith("changed by hand\n"), "a reused folder is left alone");

    Files.delete(dir.resolve(spec.fileName(2)));
    assertFalse(MarketWriter.ensure(spec, dir, 2).reused(), "a missing file means regenerate");
    assertFalse(Files.readString(file).contains("changed by hand"));

    MarketWriter.Result smaller = MarketWriter.ensure(new MarketSpec(2, 50, 4), dir, 2);
    assertFalse(smaller.reused());
    assertFalse(Files.exists(dir.resolve(spec.fileName(2))), "the earlier generation's extra coin is removed");
    assertEquals(2, Manifest.read(dir).orElseThrow().coins());
  }

  @Test
  void filesThatAreNotTheGeneratorsStay() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("notes.txt"), "mine");
    MarketWriter.generate(new MarketSpec(4, 20, 1), dir, 2);
    MarketWriter.generate(new MarketSpec(1, 20, 1), dir, 2);
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void anUnwritableFolderFailsWithOneLineNamingIt() throws IOException {
    Path blocker = dir.resolve("blocked");
    Files.writeString(blocker, "a file where the folder should be");
    GenerateException e = assertThrows(GenerateException.class, () -> MarketWriter.generate(new MarketSpec(1, 5, 1), blocker.resolve("x"), 1));
    assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
