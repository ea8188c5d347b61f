package io.coinlake.quality;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** A source's data contract: its checks, in the order they are reported. Names are unique. */
public record Contract(String source, List<ContractCheck> checks) {
  public Contract {
    if (checks == null || checks.isEmpty()) {
      throw new IllegalArgumentException("'checks' must list at least one check");
    }
    checks = List.copyOf(checks);
    var seen = new HashSet<String>();
    for (ContractCheck check : checks) {
      if (!seen.add(check.name())) {
        throw new IllegalArgumentException("check name '" + check.name() + "' is used twice");
      }
    }
  }

  public Optional<ContractCheck> firstOfKind(String kind) {
    return checks.stream().filter(c -> c.kind().equals(kind)).findFirst();
  }
}
