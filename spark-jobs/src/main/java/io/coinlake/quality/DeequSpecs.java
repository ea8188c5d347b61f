package io.coinlake.quality;

import java.util.ArrayList;
import java.util.List;

/** Translates contract checks into the Deequ constraints that measure them on the annotated batch. */
final class DeequSpecs {
  private DeequSpecs() {}

  /**
   * A complete check becomes one completeness constraint per column, named {@code check[column]}. A
   * unique check is measured from its {@link ContractCheck#keyOnceColumn} when the annotated batch
   * ({@code annotatedColumns}) has it, else by Deequ's own grouping.
   */
  static List<ConstraintSpec> of(ContractCheck check, List<String> annotatedColumns) {
    List<ConstraintSpec> specs = new ArrayList<>();
    switch (check.kind()) {
      case "complete" -> check.columns().forEach(c ->
          specs.add(ConstraintSpec.completeness(check.name() + "[" + c + "]", c, check.threshold(), check.level())));
      case "predicate" -> specs.add(ConstraintSpec.satisfies(check.name(), check.predicate(), check.threshold(), check.level()));
      case "unique" -> specs.add(annotatedColumns.contains(check.keyOnceColumn())
          ? ConstraintSpec.uniquenessFromFlag(check.name(), check.columns(), check.keyOnceColumn(), check.threshold(), check.level())
          : ConstraintSpec.uniqueness(check.name(), check.columns(), check.threshold(), check.level()));
      // window-based checks are computed by the evaluator; Deequ measures their pass flag
      default -> specs.add(ConstraintSpec.satisfies(check.name(), "`" + check.passColumn() + "`", check.threshold(), check.level()));
    }
    return specs;
  }
}
