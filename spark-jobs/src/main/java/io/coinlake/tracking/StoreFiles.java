package io.coinlake.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** File operations of the store; every I/O failure becomes a {@link TrackingException} naming the path. */
final class StoreFiles {
  private StoreFiles() {}

  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw fail("create directory", dir, e);
    }
  }

  /**
   * Writes UTF-8 text (no newline added, as MLflow's {@code write_to}) to a new file next to the
   * target, then moves it over the target, so readers see the old or the new content, never half.
   * The temp file is created with the process umask (as Python's {@code open}), not 0600.
   */
  static void writeAtomically(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    mkdirs(dir);
    Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw fail("write", file, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write itself already succeeded or failed; a stray temp file is harmless
      }
    }
  }

  /** Writes UTF-8 text in place, creating folders (MLflow's {@code write_to}; used for one-value files). */
  static void write(Path file, String text) {
    mkdirs(file.toAbsolutePath().getParent());
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw fail("write", file, e);
    }
  }

  /** Appends UTF-8 text, creating the file and its folders if needed (MLflow's {@code append_to}). */
  static void append(Path file, String text) {
    mkdirs(file.toAbsolutePath().getParent());
    try {
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw fail("append to", file, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw fail("read", file, e);
    }
  }

  static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw fail("read", file, e);
    }
  }

  /**
   * The files under {@code dir} (recursively) as {@code relative/posix/path -> content}, sorted;
   * empty if {@code dir} does not exist. Keys with '/' are stored as nested folders by MLflow.
   */
  static Map<String, String> readTree(Path dir) {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(Files::isRegularFile)
          .forEach(f -> out.put(posix(dir.relativize(f)), read(f)));
    } catch (IOException | UncheckedIOException e) {
      throw fail("list", dir, e);
    }
    return out;
  }

  /** Immediate sub-folders of {@code dir}, sorted by name; empty if it does not exist. */
  static List<Path> subdirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw fail("list", dir, e);
    }
  }

  /** Copies a file to {@code target}, or a directory's contents into {@code target}, replacing files. */
  static void copy(Path source, Path target) {
    if (Files.isDirectory(source)) {
      copyTree(source, target);
    } else if (Files.isRegularFile(source)) {
      mkdirs(target.toAbsolutePath().getParent());
      try {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw fail("copy " + source + " to", target, e);
      }
    } else {
      throw new TrackingException("Cannot log artifact: '" + source + "' does not exist.");
    }
  }

  private static void copyTree(Path source, Path target) {
    try {
      Files.walkFileTree(
          source,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(target.resolve(source.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  target.resolve(source.relativize(file).toString()),
                  StandardCopyOption.REPLACE_EXISTING);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw fail("copy " + source + " to", target, e);
    }
  }

  /** Deletes a file or a folder and everything under it; nothing happens when it is absent. */
  static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException | UncheckedIOException e) {
      throw fail("delete", path, e);
    }
  }

  /** Total size in bytes of the regular files under {@code dir}, except the top-level names given. */
  static long totalSize(Path dir, List<String> skipTopLevel) {
    List<Long> sizes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .filter(Files::isRegularFile)
          .filter(f -> !(f.getParent().equals(dir) && skipTopLevel.contains(f.getFileName().toString())))
          .forEach(
              f -> {
                try {
                  sizes.add(Files.size(f));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      throw fail("measure", dir, e);
    }
    return sizes.stream().mapToLong(Long::longValue).sum();
  }

  static String posix(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  private static TrackingException fail(String action, Path path, Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return new TrackingException(
        "Cannot " + action + " " + path + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage(), cause);
  }
}
