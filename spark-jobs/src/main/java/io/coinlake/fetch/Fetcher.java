package io.coinlake.fetch;

import io.coinlake.ingest.LandingFileName;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the plans: every request of every API through the client, each good response into the
 * landing zone, one progress line per request. One API failing does not stop the others; within
 * an API, a request that ran out of retries skips the rest of that API's requests (it is down or
 * throttling us), while a request the API rejected (4xx) does not stop the others.
 */
public final class Fetcher {
  private final ApiHttpClient client;
  private final LandingZone landing;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintStream progress;

  public Fetcher(ApiHttpClient client, LandingZone landing, Clock clock, Sleeper sleeper, PrintStream progress) {
    this.client = client;
    this.landing = landing;
    this.clock = clock;
    this.sleeper = sleeper;
    this.progress = progress;
  }

  public FetchReport fetch(List<ApiPlan> plans) {
    List<ApiResult> results = new ArrayList<>();
    for (ApiPlan plan : plans) {
      results.add(fetch(plan));
    }
    return new FetchReport(results);
  }

  private ApiResult fetch(ApiPlan plan) {
    RateLimiter limiter = new RateLimiter(plan.minInterval(), clock, sleeper);
    List<String> files = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int failed = 0;
    int skipped = 0;
    long records = 0;
    List<ApiRequest> requests = plan.requests();
    for (int i = 0; i < requests.size(); i++) {
      ApiRequest request = requests.get(i);
      try {
        ApiResponse response = client.get(request, plan.key(), limiter);
        String file = landing.write(request.api(), request.endpoint(), LandingFileName.of(response.receivedAt(), request.nameParts()),
            response.body());
        files.add(file);
        records += response.records();
        progress.printf("%-10s %-8s %3d %6d records  %s%n", request.api().id(), request.endpoint(), response.status(),
            response.records(), file);
      } catch (FetchException e) {
        failed++;
        errors.add(e.getMessage());
        progress.printf("%-10s %-8s FAILED  %s%n", request.api().id(), request.endpoint(), e.getMessage());
        if (e.apiUnavailable() && i + 1 < requests.size()) {
          skipped = requests.size() - i - 1;
          progress.printf("%-10s %-8s skipped the remaining %d request(s)%n", request.api().id(), request.endpoint(), skipped);
          break;
        }
      }
    }
    return new ApiResult(plan.api(), requests.size(), files.size(), failed, skipped, records, files, errors);
  }
}
