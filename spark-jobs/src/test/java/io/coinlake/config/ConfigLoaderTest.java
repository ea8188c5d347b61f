package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsLoadWithTheDocumentedValues() {
    CoinlakeConfig config = ConfigLoader.load(null, List.of());
    assertEquals("./lake", config.lake().root());
    assertEquals("./mlruns", config.mlflow().trackingUri());
    assertEquals(7, config.tasks().volatility().horizon());
    assertEquals("qlike", config.tasks().volatility().selectionMetric());
    assertEquals("kaggle", config.ingest().ohlcv().sources().get(0).layout());
    assertEquals(4, config.layouts().size());
  }

  @Test
  void userFileIsMergedOverDefaultsAndSetWins() throws Exception {
    Path file = dir.resolve("my.yaml");
    Files.writeString(file, "lake:\n  root: /tmp/other-lake\ntasks:\n  volatility:\n    horizon: 14\n    cv:\n      purgeDays: 14\n");
    CoinlakeConfig config = ConfigLoader.load(file, List.of("tasks.volatility.cv.folds=3", "tasks.volatility.gbt.maxDepth=[2, 4]"));
    assertEquals("/tmp/other-lake", config.lake().root());
    assertEquals(14, config.tasks().volatility().horizon());
    assertEquals(3, config.tasks().volatility().cv().folds());
    assertEquals(List.of(2, 4), config.tasks().volatility().gbt().maxDepth());
    assertEquals("./mlruns", config.mlflow().trackingUri(), "untouched keys keep their defaults");
  }

  @Test
  void theLocalProfileKeepsEverythingOnLocalDisk() {
    CoinlakeConfig config = ConfigLoader.load(Path.of("../conf/profiles/local.yaml"), List.of());
    assertEquals("./lake", config.lake().root());
    assertEquals("./landing", config.landing().root());
    assertEquals("./mlruns", config.mlflow().trackingUri());
    assertEquals(ConfigLoader.load(null, List.of()), config, "local is the embedded default, written out");
  }

  @Test
  void theClusterProfilePutsEveryPathOnS3AndTracksToAServer() {
    CoinlakeConfig config = ConfigLoader.load(Path.of("../conf/profiles/cluster.yaml"), List.of());
    assertEquals("s3a://coinlake/lake", config.lake().root());
    assertEquals("s3a://coinlake/landing", config.landing().root());
    assertTrue(config.mlflow().trackingUri().startsWith("http://"), config.mlflow().trackingUri());
    List<String> inputs = new java.util.ArrayList<>();
    config.ingest().ohlcv().sources().forEach(s -> inputs.add(s.path()));
    config.ingest().snapshots().sources().forEach(s -> inputs.add(s.path()));
    config.ingest().ticks().sources().forEach(s -> inputs.add(s.path()));
    assertEquals(3, inputs.size());
    assertTrue(inputs.stream().allMatch(p -> p.startsWith("s3a://coinlake/raw/")), inputs.toString());
  }

  @Test
  void unknownKeyNamesTheKeyAndTheFile() throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(file, "tasks:\n  volatility:\n    horizn: 5\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertTrue(e.getMessage().startsWith(file.toString() + ": unknown key 'tasks.volatility.horizn'"), e.getMessage());
  }

  @Test
  void badValueNamesTheKeyAndTheLayer() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("tasks.volatility.horizon=seven")));
    assertTrue(e.getMessage().startsWith("--set overrides: bad value"), e.getMessage());
    assertTrue(e.getMessage().contains("tasks.volatility.horizon"), e.getMessage());
  }

  @Test
  void invalidValueIsExplained() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("tasks.volatility.cv.purgeDays=3")));
    assertTrue(e.getMessage().contains("'cv.purgeDays' (3) must be at least 'horizon' (7)"), e.getMessage());
    assertTrue(e.getMessage().contains("tasks.volatility"), e.getMessage());
  }

  @Test
  void unknownLayoutIsRejected() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, List.of("ingest.ohlcv.sources=[{path: x, layout: nope}]")));
    assertTrue(e.getMessage().contains("layout 'nope'"), e.getMessage());
  }

  @Test
  void missingConfigFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml"), List.of()));
    assertTrue(e.getMessage().contains("config file not found"), e.getMessage());
  }
}
