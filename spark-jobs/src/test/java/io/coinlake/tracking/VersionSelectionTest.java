package io.coinlake.tracking;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionSelectionTest {
  private static final String M = "m";

  /** Version v of run r<v>, source s<v>, optional aliases, pruned flag and previous champion. */
  private static VersionState v(int version, boolean pruned, Integer previous, String... aliases) {
    return new VersionState(version, "r" + version, "s" + version, List.of(aliases), pruned, previous);
  }

  private static List<VersionState> plain(int n) {
    List<VersionState> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(v(i, false, null));
    }
    return out;
  }

  @Test
  void rollbackFollowsThePreviousChampionTag() {
    List<VersionState> versions = List.of(v(1, false, null), v(2, false, null), v(3, false, 1, "champion"));
    VersionSelection.RollbackTarget t = VersionSelection.rollbackTarget(versions, 3, M);
    assertEquals(1, t.version(), "the tag wins over the newer v2");
    assertEquals("the previous champion", t.reason());
  }

  @Test
  void withoutTheTagRollbackGoesToTheNewestEarlierVersionWithFiles() {
    List<VersionState> versions = List.of(v(1, false, null), v(2, false, null), v(3, true, null), v(4, false, null, "champion"), v(5, false, null));
    VersionSelection.RollbackTarget t = VersionSelection.rollbackTarget(versions, 4, M);
    assertEquals(2, t.version(), "v3 is pruned, v5 is newer than the champion");
    assertTrue(t.reason().contains("no previous champion recorded on v4"), t.reason());
  }

  @Test
  void rollbackRefusesWhenThereIsNowhereToGo() {
    VersionSelection.RollbackTarget none = VersionSelection.rollbackTarget(List.of(v(1, true, null), v(2, false, null, "champion")), 2, M);
    assertFalse(none.found());
    assertEquals("nothing to roll back to: v2 of m has no previous champion recorded and no earlier version has model files", none.reason());

    VersionSelection.RollbackTarget noChampion = VersionSelection.rollbackTarget(plain(2), null, M);
    assertNull(noChampion.version());
    assertTrue(noChampion.reason().startsWith("model m has no champion alias"), noChampion.reason());
    assertTrue(noChampion.reason().contains("./coinlake model promote --model m --version N"), noChampion.reason());

    VersionSelection.RollbackTarget dangling = VersionSelection.rollbackTarget(plain(2), 7, M);
    assertTrue(dangling.reason().contains("points at v7, which does not exist"), dangling.reason());
  }

  @Test
  void aRecordedPreviousChampionThatIsGoneOrPrunedIsRefusedNotReplaced() {
    VersionSelection.RollbackTarget pruned = VersionSelection.rollbackTarget(
        List.of(v(1, false, null), v(2, true, null), v(3, false, 2, "champion")), 3, M);
    assertFalse(pruned.found(), "v1 has files, but the recorded previous champion is v2");
    assertTrue(pruned.reason().startsWith("v2, the champion before v3 of m, has had its model files pruned"), pruned.reason());

    VersionSelection.RollbackTarget gone = VersionSelection.rollbackTarget(List.of(v(1, false, null), v(3, false, 2, "champion")), 3, M);
    assertTrue(gone.reason().startsWith("v2, the champion before v3 of m, no longer exists"), gone.reason());
  }

  @Test
  void aTagPointingAtItselfIsIgnored() {
    VersionSelection.RollbackTarget t = VersionSelection.rollbackTarget(List.of(v(1, false, null), v(2, false, 2, "champion")), 2, M);
    assertEquals(1, t.version());
  }

  @Test
  void promotionNeedsAnExistingVersionWithFiles() {
    List<VersionState> versions = List.of(v(1, true, null), v(2, false, null), v(3, false, null));
    assertEquals(Optional.empty(), VersionSelection.promotionRefusal(versions, 2, M));
    assertEquals(Optional.of("m has no version 9 (its versions run from 1 to 3); ./coinlake model list --model m shows them"),
        VersionSelection.promotionRefusal(versions, 9, M));
    assertEquals(Optional.of("v1 of m has had its model files pruned (mlflow.keepModelVersions); promote a version whose artifacts"
        + " are present (./coinlake model list)"), VersionSelection.promotionRefusal(versions, 1, M));
    assertEquals(Optional.of("m has no version 1 (it has no versions); ./coinlake model list --model m shows them"),
        VersionSelection.promotionRefusal(List.of(), 1, M));
  }

  @Test
  void pruneKeepsTheNewestNAndNothingElse() {
    assertEquals(List.of(1, 2, 3), VersionSelection.toPrune(plain(6), 3, null, M));
    assertEquals(List.of(1, 2, 3, 4, 5), VersionSelection.toPrune(plain(6), 1, null, M));
    assertEquals(List.of(), VersionSelection.toPrune(plain(3), 3, null, M));
    assertEquals(List.of(), VersionSelection.toPrune(plain(2), 5, null, M));
    assertThrows(IllegalArgumentException.class, () -> VersionSelection.toPrune(plain(2), 0, null, M));
  }

  @Test
  void pruneSparesAliasesTheRollbackTargetAndWhatIsAlreadyPruned() {
    List<VersionState> versions = List.of(
        v(1, false, null),              // the champion's previous champion: rollback target
        v(2, true, null),               // already pruned
        v(3, false, 1, "champion"),
        v(4, false, null, "challenger"),
        v(5, false, null),
        v(6, false, null),
        v(7, false, null));
    assertEquals(List.of(5), VersionSelection.toPrune(versions, 2, 3, M));
  }

  @Test
  void theFallbackRollbackTargetIsSparedToo() {
    List<VersionState> versions = List.of(v(1, false, null), v(2, false, null), v(3, false, null, "champion"), v(4, false, null));
    assertEquals(List.of(1), VersionSelection.toPrune(versions, 1, 3, M), "v2 is where a rollback from v3 goes");
  }

  @Test
  void pruneSkipsVersionsWithoutARunAndFilesSharedWithAVersionThatStays() {
    List<VersionState> versions = List.of(
        new VersionState(1, null, "s1", List.of(), false, null),
        new VersionState(2, "r2", "shared", List.of(), false, null),
        new VersionState(3, "r3", "s3", List.of(), false, null),
        new VersionState(4, "r4", "shared", List.of(), false, null));
    assertEquals(List.of(3), VersionSelection.toPrune(versions, 1, null, M));
  }

  @Test
  void artifactPathComesFromTheSourceInsideTheRun() {
    String root = "file:///x/mlruns/1/abc/artifacts";
    assertEquals(Optional.of("model"), VersionSelection.artifactPathInRun(root + "/model", "abc", root));
    assertEquals(Optional.of("model"), VersionSelection.artifactPathInRun(root + "/model/", "abc", root + "/"));
    assertEquals(Optional.of("nested/model"), VersionSelection.artifactPathInRun(root + "/nested/model", "abc", root));
    assertEquals(Optional.of("model"), VersionSelection.artifactPathInRun("runs:/abc/model", "abc", root));
    assertEquals(Optional.of("model"),
        VersionSelection.artifactPathInRun("mlflow-artifacts:/1/abc/artifacts/model", "abc", "mlflow-artifacts:/1/abc/artifacts"));
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun("runs:/other/model", "abc", root), "another run's files");
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun("s3://bucket/models/m", "abc", root), "outside the run");
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun(root, "abc", root), "never the whole artifact root");
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun(root + "/../../other", "abc", root));
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun(root + "x/model", "abc", root), "a sibling folder with a longer name");
    assertEquals(Optional.empty(), VersionSelection.artifactPathInRun(null, "abc", root));
  }
}
