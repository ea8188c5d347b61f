package io.coinlake.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tasks.volatility.gbt.engine picks the GBT trainer: xgboost by default, mllib on request, nothing else. */
class GbtGridTest {
  @TempDir
  Path dir;

  @Test
  void xgboostIsTheDefaultEngine() {
    GbtGrid gbt = ConfigLoader.load(null, List.of()).tasks().volatility().gbt();
    assertEquals("xgboost", gbt.engine());
    assertEquals(List.of(40), gbt.maxIter());
    assertEquals(List.of(3, 5), gbt.maxDepth());
  }

  @Test
  void mllibIsSelectableFromAFileOrASetOverride() throws Exception {
    Path file = dir.resolve("mllib.yaml");
    Files.writeString(file, "tasks:\n  volatility:\n    gbt:\n      engine: mllib\n");
    assertEquals("mllib", ConfigLoader.load(file, List.of()).tasks().volatility().gbt().engine());
    assertEquals("mllib", ConfigLoader.load(null, List.of("tasks.volatility.gbt.engine=mllib")).tasks().volatility().gbt().engine());
    assertEquals("xgboost", ConfigLoader.load(file, List.of("tasks.volatility.gbt.engine=xgboost")).tasks().volatility().gbt().engine(),
        "--set wins over the file");
  }

  @Test
  void anUnknownEngineIsRejectedWithOneLineNamingTheKeyAndTheChoices() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "tasks:\n  volatility:\n    gbt:\n      engine: lightgbm\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals(file + ": invalid value under 'tasks.volatility.gbt': 'engine' must be one of [xgboost, mllib], got 'lightgbm'",
        e.getMessage());
    e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, List.of("tasks.volatility.gbt.engine=XGBoost")));
    assertTrue(e.getMessage().startsWith("--set overrides: invalid value under 'tasks.volatility.gbt': 'engine' must be one of"
        + " [xgboost, mllib], got 'XGBoost'"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void theRecordRejectsAMissingEngine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GbtGrid(null, List.of(10), List.of(3), List.of(0.1), 0.8, 42L));
    assertEquals("'engine' must be one of [xgboost, mllib], got 'null'", e.getMessage());
  }
}
