package io.coinlake.tracking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code file:} URIs as MLflow writes them: {@code pathlib.Path(os.path.abspath(p)).as_uri()}
 * ({@code file://} + the absolute path percent-encoded except {@code A-Za-z0-9_.-~/}), and back as
 * {@code local_file_uri_to_path} does.
 */
final class FileUris {
  private static final String SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/";

  private FileUris() {}

  static String toUri(Path path) {
    String abs = StoreFiles.posix(path.toAbsolutePath().normalize());
    if (!abs.startsWith("/")) {
      abs = "/" + abs; // Windows drive paths: file:///C:/...
    }
    StringBuilder out = new StringBuilder("file://");
    for (byte b : abs.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && SAFE.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  /** MLflow's {@code append_to_uri_path}: joins POSIX segments onto the URI's path, unencoded. */
  static String append(String uri, String... segments) {
    StringBuilder out = new StringBuilder(uri);
    for (String s : segments) {
      String seg = s.replaceAll("^/+", "");
      if (seg.isEmpty()) {
        continue;
      }
      if (out.charAt(out.length() - 1) != '/') {
        out.append('/');
      }
      out.append(seg);
    }
    return out.toString();
  }

  /** The local path of a {@code file:} URI (or a plain path); other schemes are rejected. */
  static Path toPath(String uri) {
    if (!uri.startsWith("file:")) {
      if (uri.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
        throw new TrackingException(
            "Artifact location '"
                + uri
                + "' is not a local file URI; the file store can only copy to file: locations.");
      }
      return Path.of(uri);
    }
    String rest = uri.substring("file:".length());
    if (rest.startsWith("//")) {
      int slash = rest.indexOf('/', 2);
      rest = slash < 0 ? "/" : rest.substring(slash);
    }
    return Path.of(percentDecode(rest));
  }

  private static String percentDecode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
