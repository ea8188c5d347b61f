package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The champion history and retention on the file store: tags, alias files and deleted folders. */
class ModelPromotionTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final String M = "coinlake-volatility";

  @TempDir Path tmp;
  private MutableClock clock;
  private FileStoreBackend store;
  private ModelPromotion promotion;

  @BeforeEach
  void setUp() throws Exception {
    clock = new MutableClock(T0);
    store = new FileStoreBackend(tmp.resolve("mlruns"), clock);
    promotion = new ModelPromotion(store, clock);
    String experiment = store.getOrCreateExperiment("e");
    Path model = Files.createDirectories(tmp.resolve("staged/model"));
    Files.writeString(model.resolve("MLmodel"), "flavors: {}\n");
    for (int i = 1; i <= 5; i++) {
      String run = store.startRun(experiment, "run-" + i, null, Map.of());
      String uri = store.logArtifacts(run, model, "model");
      store.logArtifacts(run, model.resolve("MLmodel"), "other/MLmodel");
      store.createVersion(M, uri, run);
    }
  }

  private Path modelDir(int version) {
    return Path.of(java.net.URI.create(store.getVersion(M, version).orElseThrow().source()));
  }

  @Test
  void promoteTagsThePreviousChampionAndRollbackWalksBackOneStepAtATime() throws Exception {
    assertEquals(new ChampionMove(M, null, 1, null), promotion.promote(M, 1));
    assertFalse(store.versionTags(M, 1).containsKey(VersionTags.PREVIOUS_CHAMPION), "there was no champion before v1");
    clock.set(T0 + 1000);
    promotion.promote(M, 3);
    promotion.promote(M, 4);
    assertEquals("4", Files.readString(tmp.resolve("mlruns/models/" + M + "/aliases/champion")));
    assertEquals("3", store.versionTags(M, 4).get(VersionTags.PREVIOUS_CHAMPION));
    assertEquals("1", store.versionTags(M, 3).get(VersionTags.PREVIOUS_CHAMPION));
    assertEquals("2023-11-14T22:13:21Z", store.versionTags(M, 4).get(VersionTags.CHAMPION_SINCE));

    ChampionMove back = promotion.rollback(M);
    assertEquals(new ChampionMove(M, 4, 3, "the previous champion"), back);
    assertEquals("champion of " + M + " moved from v4 to v3 (the previous champion)", back.describe());
    assertEquals("4", store.versionTags(M, 3).get(VersionTags.ROLLED_BACK_FROM));
    assertEquals("1", store.versionTags(M, 3).get(VersionTags.PREVIOUS_CHAMPION), "rollback keeps the history");
    assertEquals(1, promotion.rollback(M).to(), "a second rollback goes further back, not to v4 again");
    RegistryRefusal refusal = assertThrows(RegistryRefusal.class, () -> promotion.rollback(M));
    assertTrue(refusal.getMessage().startsWith("nothing to roll back to: v1"), refusal.getMessage());
    assertEquals(1, store.getByAlias(M, ModelPromotion.CHAMPION).orElseThrow().version(), "a refusal changes nothing");
  }

  @Test
  void promotingTheChampionAgainChangesNothing() {
    promotion.promote(M, 2);
    ChampionMove same = promotion.promote(M, 2);
    assertFalse(same.moved());
    assertEquals("champion of " + M + " is already v2; nothing moved", same.describe());
    assertFalse(store.versionTags(M, 2).containsKey(VersionTags.PREVIOUS_CHAMPION), "no self-reference");
  }

  @Test
  void retentionDeletesOnlyTheModelFolderOfUnprotectedOldVersionsAndTagsThem() {
    promotion.promote(M, 1);
    promotion.promote(M, 2);
    clock.set(T0 + 60_000);
    PruneReport report = new ModelRetention(store, store, clock).prune(M, 2);
    assertEquals(java.util.List.of(3), report.pruned(), "v4 and v5 are newest, v2 is champion, v1 its rollback target");
    assertEquals(Map.of(), report.skipped());
    assertFalse(Files.exists(modelDir(3)));
    assertTrue(Files.isRegularFile(modelDir(3).resolveSibling("other/MLmodel")), "other artifacts of the run stay");
    for (int kept : new int[] {1, 2, 4, 5}) {
      assertTrue(Files.isRegularFile(modelDir(kept).resolve("MLmodel")), "v" + kept);
      assertFalse(store.versionTags(M, kept).containsKey(VersionTags.ARTIFACTS_PRUNED), "v" + kept);
    }
    assertEquals("true", store.versionTags(M, 3).get(VersionTags.ARTIFACTS_PRUNED));
    assertEquals("2023-11-14T22:14:20Z", store.versionTags(M, 3).get(VersionTags.ARTIFACTS_PRUNED_AT));
    assertEquals(5, store.listVersions(M).size(), "registry entries stay");

    RegistryRefusal refusal = assertThrows(RegistryRefusal.class, () -> promotion.promote(M, 3));
    assertTrue(refusal.getMessage().startsWith("v3 of " + M + " has had its model files pruned"), refusal.getMessage());
    assertEquals(java.util.List.of(), new ModelRetention(store, store, clock).prune(M, 2).pruned(), "a second pass has nothing left");
  }

  @Test
  void aVersionWhoseSourceIsOutsideItsRunIsLeftAlone() {
    String run = store.getVersion(M, 1).orElseThrow().runId();
    store.createVersion(M, "s3://bucket/elsewhere/model", run);
    PruneReport report = new ModelRetention(store, store, clock).prune(M, 1);
    assertEquals(java.util.List.of(1, 2, 3, 4, 5), report.pruned());
    assertEquals(Map.of(), report.skipped(), "v6 is the newest and stays");
    PruneReport again = new ModelRetention(store, store, clock).prune(M, 1);
    assertEquals(java.util.List.of(), again.pruned());

    store.createVersion(M, "s3://bucket/elsewhere/other", run);
    PruneReport third = new ModelRetention(store, store, clock).prune(M, 1);
    assertEquals(Map.of(6, "its source s3://bucket/elsewhere/model is not inside the artifacts of run " + run), third.skipped());
    assertEquals(java.util.List.of("left v6 of " + M + " alone: its source s3://bucket/elsewhere/model is not inside the artifacts of run " + run),
        third.skippedLines());
  }
}
