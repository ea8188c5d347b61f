package io.coinlake.quality;

import java.util.ArrayList;
import java.util.List;

/** Translates contract checks into the Deequ constraints that measure them on the annotated batch. */
final class DeequSpecs {
  private DeequSpecs() {}

  /** A complete check becomes one completeness constraint per column, named {@code check[column]}. */
  static List<ConstraintSpec> of(ContractCheck check) {
    List<ConstraintSpec> specs = new ArrayList<>();
    switch (check.kind()) {
      case "complete" -> check.columns().forEach(c ->
          specs.add(ConstraintSpec.completeness(check.name() + "[" + c + "]", c, check.threshold(), check.level())));
      case "predicate" -> specs.add(ConstraintSpec.satisfies(check.name(), check.predicate(), check.threshold(), check.level()));
      case "unique" -> specs.add(ConstraintSpec.uniqueness(check.name(), check.columns(), check.threshold(), check.level()));
      // window-based checks are computed by the evaluator; Deequ measures their pass flag
      default -> specs.add(ConstraintSpec.satisfies(check.name(), "`" + check.passColumn() + "`", check.threshold(), check.level()));
    }
    return specs;
  }
}
