package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.fetch.Api;
import io.coinlake.fetch.ApiHttpClient;
import io.coinlake.fetch.ApiPlan;
import io.coinlake.fetch.ApiResult;
import io.coinlake.fetch.FetchPlans;
import io.coinlake.fetch.FetchReport;
import io.coinlake.fetch.Fetcher;
import io.coinlake.fetch.LandingZone;
import io.coinlake.fetch.Sleeper;
import io.coinlake.lake.HadoopSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coinlake fetch}: downloads the current API snapshots into the landing zone. No Spark:
 * it is plain HTTP and file writes, so it is cheap to schedule often. It is the one command that
 * reads the wall clock, because a snapshot's time is when it was taken; --date does not apply.
 */
@Command(name = "fetch", description = "Download API snapshots (CoinGecko markets, CoinLore tickers, Coinbase candles) into the landing zone; no Spark.")
final class FetchCommand implements Callable<Integer> {
  @Mixin
  CommonOptions options;

  @Option(names = "--api", paramLabel = "API", converter = ApiConverter.class,
      description = "coingecko, coinlore or coinbase; repeatable (default: every API with fetch.<api>.enabled: true).")
  List<Api> apis = new ArrayList<>();

  @Override
  public Integer call() {
    if (options.date != null || options.from != null || options.to != null) {
      throw new CommonOptions.UsageError("fetch downloads the current snapshot; --date, --from and --to do not apply to it");
    }
    CoinlakeConfig config = options.config();
    List<Api> selected = apis.isEmpty() ? FetchPlans.enabled(config) : List.copyOf(new LinkedHashSet<>(apis));
    if (selected.isEmpty()) {
      throw new CommonOptions.UsageError("no API is enabled (fetch.<api>.enabled); pass --api " + Api.ids().replace(", ", "|")
          + " or enable one in the config");
    }
    List<ApiPlan> plans = new ArrayList<>();
    for (Api api : selected) {
      plans.add(FetchPlans.plan(api, config, System::getenv));
    }
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    FetchReport report;
    try (LandingZone landing = new LandingZone(config.landing().root(), HadoopSettings.configuration(config.s3()))) {
      ApiHttpClient client = new ApiHttpClient(config.fetch().http(), clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
      report = new Fetcher(client, landing, clock, sleeper, System.out).fetch(plans);
    }
    report.printSummary(System.out);
    for (ApiResult result : report.results()) {
      if (!result.ok()) {
        System.err.println("coinlake: fetch failed: " + result.errors().get(0));
      }
    }
    return report.anyFailed() ? CoinlakeMain.FAILED : 0;
  }

  /** Reads --api values case-insensitively; a bad value is a usage error listing the valid ones. */
  static final class ApiConverter implements CommandLine.ITypeConverter<Api> {
    @Override
    public Api convert(String value) {
      try {
        return Api.fromId(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
