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

  @Test
  void aHeapFullAfterCollectionIsCalledOutOfMemory() {
    long max = Runtime.getRuntime().maxMemory();
    String full = Bench.heapNote(new Usage(max, (long) (0.95 * max), -1, 1, 1));
    assertTrue(full.contains("out of memory") && full.contains("COINLAKE_DRIVER_MEMORY"), full);
    assertEquals("", Bench.heapNote(new Usage(max, max / 2, -1, 1, 1)));
    assertEquals("", Bench.heapNote(new Usage(max, -1, -1, 1, 1)));
  }
}
