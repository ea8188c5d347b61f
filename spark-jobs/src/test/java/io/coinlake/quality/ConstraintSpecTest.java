package io.coinlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintSpecTest {

  @Test
  void factoriesBuildValidSpecs() {
    ConstraintSpec c = ConstraintSpec.completeness("c", "close", 1.0, Level.ERROR);
    assertEquals(ConstraintKind.COMPLETENESS, c.kind());
    assertEquals(List.of("close"), c.columns());
    assertNull(c.predicate());

    ConstraintSpec s = ConstraintSpec.satisfies("s", "close > 0", 0.5, Level.WARNING);
    assertEquals(List.of(), s.columns());
    assertEquals("close > 0", s.predicate());

    ConstraintSpec u = ConstraintSpec.uniqueness("u", List.of("symbol", "ts"), 1.0, Level.ERROR);
    assertEquals(List.of("symbol", "ts"), u.columns());
  }

  @Test
  void columnsAreCopiedAndBlankPredicateIsNormalisedForNonSatisfies() {
    List<String> cols = new ArrayList<>(List.of("symbol"));
    ConstraintSpec u =
        new ConstraintSpec("u", ConstraintKind.UNIQUENESS, cols, " ", 1.0, Level.ERROR);
    cols.add("ts");
    assertEquals(List.of("symbol"), u.columns());
    assertNull(u.predicate());
    ConstraintSpec s =
        new ConstraintSpec("s", ConstraintKind.SATISFIES, null, "close > 0", 1.0, Level.ERROR);
    assertEquals(List.of(), s.columns());
  }

  @Test
  void rejectsInvalidSpecsNamingTheCheck() {
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.completeness(" ", "close", 1.0, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.completeness(null, "close", 1.0, Level.ERROR));
    IllegalArgumentException twoCols = assertThrows(IllegalArgumentException.class,
        () -> new ConstraintSpec("cc", ConstraintKind.COMPLETENESS, List.of("a", "b"), null, 1.0,
            Level.ERROR));
    assertTrue(twoCols.getMessage().contains("'cc'"), twoCols.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.uniqueness("u", List.of(), 1.0, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.uniqueness("u", List.of(""), 1.0, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.satisfies("s", "  ", 1.0, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> new ConstraintSpec("c", ConstraintKind.COMPLETENESS, List.of("a"), "a > 0", 1.0,
            Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.completeness("c", "close", 1.01, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.completeness("c", "close", -0.1, Level.ERROR));
    assertThrows(IllegalArgumentException.class,
        () -> ConstraintSpec.completeness("c", "close", Double.NaN, Level.ERROR));
    assertThrows(NullPointerException.class,
        () -> ConstraintSpec.completeness("c", "close", 1.0, null));
    assertThrows(NullPointerException.class,
        () -> new ConstraintSpec("c", null, List.of("a"), null, 1.0, Level.ERROR));
  }
}
