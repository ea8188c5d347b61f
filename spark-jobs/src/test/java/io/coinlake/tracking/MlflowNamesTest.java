package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MlflowNamesTest {
  // expected values are CPython's posixpath.normpath
  @ParameterizedTest
  @CsvSource({"a/b, a/b", "a//b, a/b", "a/./b, a/b", "a/../b, b", "../a, ../a", "/a/../.., /", "'', .", "a/, a", "//a, //a"})
  void normpathMatchesPython(String in, String expected) {
    assertEquals(expected, MlflowNames.normpath(in));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rmse", "fold/1/rmse", "val rmse", "a:b", "mlflow.runName", "ünïcode_ok"})
  void acceptsMlflowKeys(String key) {
    assertEquals(key, MlflowNames.key("Metric", key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/../b", "/abs", "a/", ".", "..", "a*b", "a\\b", "x//y"})
  void rejectsKeysThatAreNotUniquePaths(String key) {
    assertThrows(IllegalArgumentException.class, () -> MlflowNames.key("Metric", key));
  }

  @Test
  void artifactPathsStayInsideTheRun() {
    assertEquals("", MlflowNames.artifactPath(null));
    assertEquals("model", MlflowNames.artifactPath("model/"));
    assertEquals("a/b", MlflowNames.artifactPath("a/./b"));
    assertThrows(IllegalArgumentException.class, () -> MlflowNames.artifactPath("a/../../b"));
    assertThrows(IllegalArgumentException.class, () -> MlflowNames.artifactPath("/etc"));
  }

  @Test
  void fileUrisAreEncodedLikePathlibAndDecodeBack() {
    Path p = Path.of("/tmp/my runs/mlrüns");
    String uri = FileUris.toUri(p);
    assertEquals("file:///tmp/my%20runs/mlr%C3%BCns", uri);
    assertEquals(p, FileUris.toPath(uri));
    assertEquals("file:///tmp/x/1/r/artifacts", FileUris.append("file:///tmp/x", "1", "r", "artifacts"));
    assertThrows(TrackingException.class, () -> FileUris.toPath("s3://bucket/x"));
  }
}
