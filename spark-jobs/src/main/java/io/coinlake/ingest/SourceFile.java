package io.coinlake.ingest;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One source file after reading: its size, content hash, and either its records or the one-line
 * reason it cannot be read. Built by {@link #parse}, which is pure: bytes in, records out.
 */
public record SourceFile(String path, long bytes, String sha256, String error, List<ParsedRecord> records)
    implements Serializable {

  public SourceFile {
    records = records == null ? List.of() : List.copyOf(records);
  }

  public boolean readable() {
    return error == null;
  }

  /**
   * Hashes the bytes, rejects empty, binary and non-UTF-8 files, strips a BOM and hands the text
   * to the format. A format's {@link UnreadableFileException} becomes the file's error; so does an
   * unexpected parser failure, so one odd file can never stop the batch.
   */
  public static SourceFile parse(String path, byte[] content, SourceFormat format) {
    String sha = sha256(content);
    String problem = null;
    String text = null;
    if (content.length == 0) {
      problem = "file is empty (0 bytes); remove it or export it again";
    } else {
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(content)).toString();
        if (text.indexOf('\0') >= 0) {
          problem = "file contains NUL bytes, so it is binary (compressed or a spreadsheet?); export it as UTF-8 text";
        } else if (text.isBlank()) {
          problem = "file holds only whitespace; remove it or export it again";
        }
      } catch (CharacterCodingException e) {
        problem = "file is not valid UTF-8 (binary, or another encoding such as Latin-1/UTF-16); re-export it as UTF-8";
      }
    }
    if (problem != null) {
      return new SourceFile(path, content.length, sha, problem, List.of());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      return new SourceFile(path, content.length, sha, null, format.parse(path, text));
    } catch (UnreadableFileException e) {
      return new SourceFile(path, content.length, sha, e.getMessage(), List.of());
    } catch (RuntimeException e) {
      return new SourceFile(path, content.length, sha,
          "the " + format.getClass().getSimpleName() + " parser failed (" + e + "); check the file's format, and report it if the file looks right", List.of());
    }
  }

  /**
   * Why a file is not read because of its name, or null. Hadoop's input formats, and so Spark,
   * treat names starting with '_' or '.' as hidden (markers such as _SUCCESS, side files such as
   * macOS's ._name) and refuse them even when named explicitly; such a file gets this one-line
   * error instead of failing the whole batch. Only the last path segment counts. Pure.
   */
  public static String hiddenNameProblem(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.startsWith("_") || name.startsWith(".")) {
      return "the file name starts with '" + name.charAt(0) + "', so Hadoop treats it as hidden and it cannot be read;"
          + " rename it if it holds data, or remove it (a macOS ._ file holds only metadata)";
    }
    return null;
  }

  /** A file not read because of its name ({@link #hiddenNameProblem}): its size, no hash (its bytes were never read). */
  public static SourceFile hidden(String path, long bytes) {
    String problem = hiddenNameProblem(path);
    if (problem == null) {
      throw new IllegalArgumentException(path + " is not a hidden file name");
    }
    return new SourceFile(path, bytes, null, problem, List.of());
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
