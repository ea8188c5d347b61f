package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreRegistryTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String RUN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

  @TempDir Path tmp;
  private Path root;
  private MutableClock clock;
  private FileStoreBackend store;

  @BeforeEach
  void setUp() {
    root = tmp.resolve("mlruns");
    clock = new MutableClock(T0);
    store = new FileStoreBackend(root, clock);
  }

  private Path model(String name) {
    return root.resolve("models").resolve(name);
  }

  @Test
  void versionsIncrementFromOneAndMetaMatchesMlflow() {
    for (int i = 1; i <= 3; i++) {
      clock.set(T0 + i);
      ModelVersion v = store.createVersion("coinlake-volatility", "file:///m/" + i, RUN);
      assertEquals(new ModelVersion("coinlake-volatility", i, "file:///m/" + i, RUN, T0 + i), v);
    }
    Map<String, Object> mv = MetaYaml.read(model("coinlake-volatility").resolve("version-2/meta.yaml"));
    assertEquals(
        List.of("aliases", "creation_timestamp", "current_stage", "description", "last_updated_timestamp", "name",
            "run_id", "run_link", "source", "status", "status_message", "storage_location", "user_id", "version"),
        List.copyOf(mv.keySet()));
    assertEquals(List.of(), mv.get("aliases"));
    assertEquals(T0 + 2, ((Number) mv.get("creation_timestamp")).longValue());
    assertEquals(T0 + 2, ((Number) mv.get("last_updated_timestamp")).longValue());
    assertEquals("None", mv.get("current_stage"));
    assertEquals(null, mv.get("description"));
    assertEquals("coinlake-volatility", mv.get("name"));
    assertEquals(RUN, mv.get("run_id"));
    assertEquals(null, mv.get("run_link"));
    assertEquals("file:///m/2", mv.get("source"));
    assertEquals("file:///m/2", mv.get("storage_location"));
    assertEquals("READY", mv.get("status"));
    assertEquals(null, mv.get("status_message"));
    assertEquals(null, mv.get("user_id"));
    assertEquals(2, mv.get("version"));

    Map<String, Object> rm = MetaYaml.read(model("coinlake-volatility").resolve("meta.yaml"));
    assertEquals(
        List.of("aliases", "creation_timestamp", "description", "last_updated_timestamp", "name"),
        List.copyOf(rm.keySet()));
    assertEquals("coinlake-volatility", rm.get("name"));
    assertEquals(T0 + 1, ((Number) rm.get("creation_timestamp")).longValue());
    assertEquals(T0 + 3, ((Number) rm.get("last_updated_timestamp")).longValue());
    assertEquals(Map.of(), rm.get("aliases"));
    assertEquals(List.of(1, 2, 3), store.listVersions("coinlake-volatility").stream().map(ModelVersion::version).toList());
  }

  @Test
  void aliasFileHoldsTheVersionNumberAndResolves() throws Exception {
    store.createVersion("m", "file:///a", RUN);
    store.createVersion("m", "file:///b", RUN);
    clock.set(T0 + 50);
    store.setAlias("m", "champion", 2);
    assertEquals("2", Files.readString(model("m").resolve("aliases/champion")));
    assertEquals(Optional.of(new ModelVersion("m", 2, "file:///b", RUN, T0)), store.getByAlias("m", "champion"));
    Map<String, Object> rm = MetaYaml.read(model("m").resolve("meta.yaml"));
    assertEquals(Map.of("champion", "2"), rm.get("aliases"));
    assertEquals(T0 + 50, ((Number) rm.get("last_updated_timestamp")).longValue());

    store.setAlias("m", "champion", 1);
    assertEquals("1", Files.readString(model("m").resolve("aliases/champion")));
    assertEquals(1, store.getByAlias("m", "champion").orElseThrow().version());
    assertEquals(Optional.empty(), store.getByAlias("m", "challenger"));
    assertEquals(Optional.empty(), store.getByAlias("unknown-model", "champion"));
  }

  @Test
  void missingVersionsAndBadAliasesAreRejected() {
    store.createVersion("m", "file:///a", null);
    assertEquals(Optional.empty(), store.getVersion("m", 7));
    assertEquals(Optional.empty(), store.getVersion("other", 1));
    assertEquals(List.of(), store.listVersions("other"));
    TrackingException e = assertThrows(TrackingException.class, () -> store.setAlias("m", "champion", 7));
    assertTrue(e.getMessage().contains("version=7"), e.getMessage());
    assertThrows(TrackingException.class, () -> store.setAlias("other", "champion", 1));
    assertThrows(IllegalArgumentException.class, () -> store.setAlias("m", "latest", 1));
    assertThrows(IllegalArgumentException.class, () -> store.setAlias("m", "v1", 1));
    assertThrows(IllegalArgumentException.class, () -> store.setAlias("m", "a b", 1));
    assertThrows(IllegalArgumentException.class, () -> store.createVersion("a/b", "file:///a", null));
    assertThrows(IllegalArgumentException.class, () -> store.createVersion("50%", "file:///a", null));
    assertEquals(null, store.getVersion("m", 1).orElseThrow().runId());
  }

  @Test
  void deletedVersionsAreHiddenButKeepTheirNumber() throws Exception {
    store.createVersion("m", "file:///a", RUN);
    Path meta = model("m").resolve("version-1/meta.yaml");
    Map<String, Object> m = new java.util.LinkedHashMap<>(MetaYaml.read(meta));
    m.put("current_stage", "Deleted_Internal");
    MetaYaml.write(meta, m);
    assertEquals(Optional.empty(), store.getVersion("m", 1));
    assertEquals(2, store.createVersion("m", "file:///b", RUN).version());
    assertEquals(List.of(2), store.listVersions("m").stream().map(ModelVersion::version).toList());
  }

  @Test
  void registryFolderIsNotMistakenForAnExperiment() {
    store.createVersion("m", "file:///a", RUN);
    String exp = store.getOrCreateExperiment("e");
    String run = store.startRun(exp, "r", null, Map.of());
    store.endRun(run, RunStatus.FINISHED);
    assertEquals(3, MetaYaml.read(root.resolve(exp).resolve(run).resolve("meta.yaml")).get("status"));
    assertTrue(Files.isRegularFile(root.resolve("models/m/meta.yaml")));
  }

  @Test
  void listsModelsAliasesAndVersionTags() {
    store.createVersion("b-model", "file:///b/1", RUN);
    store.createVersion("a-model", "file:///a/1", RUN);
    store.createVersion("a-model", "file:///a/2", RUN);
    store.setAlias("a-model", "champion", 2);
    store.setAlias("a-model", "challenger", 1);
    store.setVersionTag("a-model", 1, "coinlake.artifacts_pruned", "true");

    assertEquals(List.of("a-model", "b-model"), store.listModels());
    assertEquals(List.of("challenger", "champion"), List.copyOf(store.aliases("a-model").keySet()));
    assertEquals(Map.of("challenger", 1, "champion", 2), store.aliases("a-model"));
    assertEquals(Map.of(), store.aliases("b-model"));
    assertEquals(Map.of("coinlake.artifacts_pruned", "true"), store.versionTags("a-model", 1));
    assertEquals("true", readString(model("a-model").resolve("version-1/tags/coinlake.artifacts_pruned")));
    assertEquals(Map.of(), store.versionTags("a-model", 2));
    assertThrows(TrackingException.class, () -> store.setVersionTag("a-model", 9, "k", "v"));
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
