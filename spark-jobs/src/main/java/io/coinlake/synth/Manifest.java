package io.coinlake.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a generated folder holds, written last (so a folder without it is incomplete): the
 * generator version, the spec, the date range, and the row, file and byte counts. A later
 * {@code generate} or {@code bench} with the same spec and version reuses the folder.
 */
public record Manifest(int generatorVersion, int coins, int days, long seed, String firstDay, String lastDay,
    long rows, int files, long bytes, String fileGlob) {
  public static final String FILE_NAME = "coinlake-synth.json";
  /** Bump when the model or the text changes, so older folders are regenerated rather than reused. */
  public static final int GENERATOR_VERSION = 1;
  public static final String FILE_GLOB = "*-USD_1d.csv";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static Manifest of(MarketSpec spec, long bytes) {
    return new Manifest(GENERATOR_VERSION, spec.coins(), spec.days(), spec.seed(), spec.firstDay().toString(),
        MarketSpec.LAST_DAY.toString(), spec.rows(), spec.coins(), bytes, FILE_GLOB);
  }

  /** True when this folder holds exactly what {@code spec} would generate now. */
  public boolean matches(MarketSpec spec) {
    return generatorVersion == GENERATOR_VERSION && coins == spec.coins() && days == spec.days() && seed == spec.seed()
        && lastDay.equals(MarketSpec.LAST_DAY.toString());
  }

  public MarketSpec spec() {
    return new MarketSpec(coins, days, seed);
  }

  public static Optional<Manifest> read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Manifest.class));
    } catch (IOException e) {
      return Optional.empty(); // a torn or foreign file: the folder is treated as incomplete
    }
  }

  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    JSON.writeValue(tmp.toFile(), this);
    Files.move(tmp, dir.resolve(FILE_NAME), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
