package io.coinlake.train;

import static org.junit.jupiter.api.Assertions.*;

import io.coinlake.train.DriverXgboostRegressor.PackedRows;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's packing of streamed training rows: label first in each chunk row, then the features. */
class PackedRowsTest {

  @Test
  void chunksOfRowsBecomeLabelsAndARowMajorNativeMatrix() {
    // width 2: each chunk row is (label, f0, f1); three rows over two chunks
    List<float[]> chunks = List.of(new float[] {1f, 10f, 11f, 2f, 20f, 21f}, new float[] {3f, 30f, 31f});
    try (PackedRows packed = PackedRows.gather(chunks.iterator(), 3, 2)) {
      assertArrayEquals(new float[] {1f, 2f, 3f}, packed.labels());
      assertEquals(3, packed.rows());
      float[] features = new float[6];
      for (int i = 0; i < 6; i++) {
        features[i] = packed.features().get(i);
      }
      assertArrayEquals(new float[] {10f, 11f, 20f, 21f, 30f, 31f}, features);
      assertEquals(30f, packed.features().get(2, 0));
    }
  }

  @Test
  void moreOrFewerRowsThanCountedAreRefused() {
    List<float[]> three = List.of(new float[] {1f, 10f, 2f, 20f, 3f, 30f});
    IllegalStateException more = assertThrows(IllegalStateException.class, () -> PackedRows.gather(three.iterator(), 2, 1));
    assertEquals("expected 2 training rows, got more", more.getMessage());
    IllegalStateException fewer = assertThrows(IllegalStateException.class, () -> PackedRows.gather(three.iterator(), 4, 1));
    assertEquals("expected 4 training rows, got 3", fewer.getMessage());
  }
}
