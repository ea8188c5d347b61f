package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder is emptied only when the bench made it. */
class RunFolderTest {
  @TempDir
  Path dir;

  private static long entries(Path p) throws IOException {
    try (Stream<Path> s = Files.list(p)) {
      return s.count();
    }
  }

  @Test
  void aFolderTheBenchMadeIsEmptiedAndMarked() throws IOException {
    Path run = dir.resolve("runs/x");
    RunFolder.prepare(run);
    Files.createDirectories(run.resolve("lake/bronze"));
    Files.writeString(run.resolve("lake/bronze/part.parquet"), "data");
    RunFolder.prepare(run);
    assertEquals(1, entries(run));
    assertTrue(Files.isRegularFile(run.resolve(RunFolder.MARKER)));
  }

  @Test
  void aFolderOfTheUsersIsRefusedAndLeftAlone() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("keep.txt"), "precious");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunFolder.prepare(mine));
    assertTrue(e.getMessage().contains(mine.toString()) && e.getMessage().contains("--out"), e.getMessage());
    assertEquals("precious", Files.readString(mine.resolve("keep.txt")));
  }

  @Test
  void anEmptyFolderIsTaken() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    RunFolder.prepare(empty);
    assertTrue(Files.isRegularFile(empty.resolve(RunFolder.MARKER)));
  }
}
