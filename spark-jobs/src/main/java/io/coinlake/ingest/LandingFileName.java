package io.coinlake.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a landed API response: {@code <fetched-at>[_<part>...][.<copy>].json}, e.g.
 * {@code 20261121T101503.001Z_BTC-USD_86400.json}. The fetched-at time (UTC, milliseconds) is the
 * snapshot time the parsers use, because API bodies do not reliably carry one; the parts say what
 * was asked (page, product, granularity); {@code copy} (2, 3, ...) only appears when a file of the
 * same name already existed, since landed files are never overwritten. Parts are restricted to
 * {@code [A-Za-z0-9-]} so a name is safe on every file system and parses back unambiguously.
 */
public record LandingFileName(Instant fetchedAt, List<String> parts, int copy) {
  private static final String STAMP_PATTERN = "uuuuMMdd'T'HHmmss.SSS";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern(STAMP_PATTERN).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern NAME = Pattern.compile("^(\\d{8}T\\d{6}\\.\\d{3})Z((?:_[A-Za-z0-9-]+)*)(?:\\.(\\d+))?\\.json$");
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9-]+");

  public LandingFileName {
    if (fetchedAt == null) {
      throw new IllegalArgumentException("fetchedAt is required");
    }
    fetchedAt = fetchedAt.truncatedTo(ChronoUnit.MILLIS);
    parts = List.copyOf(parts);
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw new IllegalArgumentException("a landing file name part may hold only letters, digits and '-', got '" + part + "'");
      }
    }
    if (copy < 1) {
      throw new IllegalArgumentException("copy must be >= 1, got " + copy);
    }
  }

  public static LandingFileName of(Instant fetchedAt, List<String> parts) {
    return new LandingFileName(fetchedAt, parts, 1);
  }

  /** The same name with another copy number, for when the first choice already exists. */
  public LandingFileName withCopy(int newCopy) {
    return new LandingFileName(fetchedAt, parts, newCopy);
  }

  public String fileName() {
    StringBuilder name = new StringBuilder(STAMP.format(LocalDateTime.ofInstant(fetchedAt, ZoneOffset.UTC))).append('Z');
    parts.forEach(p -> name.append('_').append(p));
    if (copy > 1) {
      name.append('.').append(copy);
    }
    return name.append(".json").toString();
  }

  /**
   * Reads a landed file's name back from its path (only the last path segment counts). Throws
   * {@link UnreadableFileException} when the name was not written by {@code coinlake fetch}, since
   * without it the snapshot time is unknown.
   */
  public static LandingFileName parse(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    Matcher m = NAME.matcher(base);
    if (!m.matches()) {
      throw new UnreadableFileException("the file name '" + base + "' does not carry the fetch time"
          + " (expected <yyyyMMdd>T<HHmmss.SSS>Z[_part...].json as written by coinlake fetch); land API files with coinlake fetch");
    }
    Instant fetchedAt;
    try {
      fetchedAt = LocalDateTime.parse(m.group(1), STAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new UnreadableFileException("the file name '" + base + "' has an impossible fetch time '" + m.group(1)
          + "Z'; land API files with coinlake fetch");
    }
    List<String> parts = m.group(2).isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(m.group(2).substring(1).split("_")));
    int copy = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    return new LandingFileName(fetchedAt, parts, Math.max(copy, 1));
  }
}
