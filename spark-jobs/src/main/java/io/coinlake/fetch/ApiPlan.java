package io.coinlake.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything one API's fetch needs: its requests, its rate limit and its key (if any). */
public record ApiPlan(Api api, List<ApiRequest> requests, Duration minInterval, Optional<ApiKey> key) {
  public ApiPlan {
    requests = List.copyOf(requests);
  }
}
