package io.coinlake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A bench run's working folder, emptied before each run so ingest reads every file again. It is
 * only ever deleted when it carries the {@value #MARKER} file a bench left there: a folder the
 * user made is refused, never removed.
 */
final class RunFolder {
  static final String MARKER = ".coinlake-bench";

  private RunFolder() {}

  static void prepare(Path dir) throws IOException {
    if (Files.exists(dir)) {
      boolean ours = Files.isRegularFile(dir.resolve(MARKER));
      boolean empty;
      try (Stream<Path> entries = Files.list(dir)) {
        empty = entries.findAny().isEmpty();
      }
      if (!ours && !empty) {
        throw new IllegalArgumentException(dir + " exists and was not made by coinlake bench (no " + MARKER
            + "); choose another --out or remove it");
      }
      try (Stream<Path> tree = Files.walk(dir)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "made by coinlake bench; emptied at the start of every bench run\n");
  }
}
