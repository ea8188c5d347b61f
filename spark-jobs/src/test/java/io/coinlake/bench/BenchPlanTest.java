package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.ConfigLoader;
import io.coinlake.config.OhlcvSource;
import io.coinlake.synth.MarketSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's folders, and the config it makes: OHLCV only, from the generated files, lake and MLflow in the run folder. */
class BenchPlanTest {
  private static final Path OUT = Path.of("/tmp/some bench/out");

  @Test
  void generatedPlanReadsItsFilesWithThePerCoinLayoutAndWorksInItsRunFolder() {
    BenchPlan plan = new BenchPlan(OUT, new MarketSpec(200, 5000, 42));
    assertEquals(Path.of("/tmp/some bench/out/data/c200-d5000-s42"), plan.dataDir());
    assertEquals(Path.of("/tmp/some bench/out/runs/c200-d5000-s42"), plan.runDir());
    CoinlakeConfig config = ConfigLoader.load(null, plan.configOverrides());
    assertEquals(List.of(new OhlcvSource("/tmp/some bench/out/data/c200-d5000-s42", "*-USD_1d.csv", "per_coin_file")),
        config.ingest().ohlcv().sources());
    assertEquals("1d", config.ingest().ohlcv().interval());
    assertEquals("/tmp/some bench/out/runs/c200-d5000-s42/lake", config.lake().root());
    assertEquals("/tmp/some bench/out/runs/c200-d5000-s42/landing", config.landing().root());
    assertEquals("/tmp/some bench/out/runs/c200-d5000-s42/mlruns", config.mlflow().trackingUri());
    assertTrue(config.ingest().snapshots().sources().isEmpty());
    assertTrue(config.ingest().ticks().sources().isEmpty());
  }

  @Test
  void samplePlanKeepsTheConfiguredOhlcvSourcesAndDropsTheOthers() {
    BenchPlan plan = new BenchPlan(OUT, null);
    assertTrue(plan.sample());
    assertEquals(Path.of("/tmp/some bench/out/runs/sample"), plan.runDir());
    CoinlakeConfig defaults = ConfigLoader.load(null, List.of());
    CoinlakeConfig config = ConfigLoader.load(null, plan.configOverrides());
    assertEquals(defaults.ingest().ohlcv(), config.ingest().ohlcv());
    assertEquals("kaggle", config.ingest().ohlcv().sources().get(0).layout());
    assertTrue(config.ingest().snapshots().sources().isEmpty());
    assertEquals("/tmp/some bench/out/runs/sample/lake", config.lake().root());
  }

  @Test
  void userSettingsApplyButTheBenchKeepsItsOwnLake() {
    BenchPlan plan = new BenchPlan(OUT, new MarketSpec(3, 400, 1));
    List<String> overrides = new ArrayList<>(List.of("tasks.volatility.cv.folds=2", "lake.root=/elsewhere"));
    overrides.addAll(plan.configOverrides());
    CoinlakeConfig config = ConfigLoader.load(null, overrides);
    assertEquals(2, config.tasks().volatility().cv().folds());
    assertEquals("/tmp/some bench/out/runs/c3-d400-s1/lake", config.lake().root());
  }

  @Test
  void pathsWithQuotesAndBackslashesSurviveTheOverride() {
    BenchPlan plan = new BenchPlan(Path.of("/tmp/a \"quoted\" \\ dir"), new MarketSpec(1, 10, 1));
    CoinlakeConfig config = ConfigLoader.load(null, plan.configOverrides());
    assertEquals("/tmp/a \"quoted\" \\ dir/data/c1-d10-s1", config.ingest().ohlcv().sources().get(0).path());
  }

  @Test
  void relativeOutputFoldersBecomeAbsolute() {
    BenchPlan plan = new BenchPlan(Path.of("bench"), null);
    assertTrue(plan.runDir().isAbsolute());
    assertEquals(Path.of("bench").toAbsolutePath().normalize().resolve("runs/sample"), plan.runDir());
  }
}
