package io.coinlake.bench;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.orchestrate.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench runs the pipeline's stages in order; --until cuts the list after a stage. */
class BenchStagesTest {
  @Test
  void allStagesInPipelineOrder() {
    assertEquals(List.of("ingest", "validate", "features", "train", "score"), Bench.STAGES.stream().map(Stage::label).toList());
  }

  @Test
  void untilKeepsTheStagesUpToAndIncludingTheNamedOne() {
    assertEquals(List.of(Stage.INGEST, Stage.VALIDATE, Stage.FEATURES), Bench.until(Stage.FEATURES));
    assertEquals(List.of(Stage.INGEST), Bench.until(Stage.INGEST));
    assertEquals(Bench.STAGES, Bench.until(Stage.SCORE));
  }
}
