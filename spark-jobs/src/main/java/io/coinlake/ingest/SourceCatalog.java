package io.coinlake.ingest;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.config.FileSource;
import io.coinlake.config.OhlcvSource;
import io.coinlake.config.SnapshotSource;
import io.coinlake.fetch.LandingFeed;
import io.coinlake.lake.RecordKind;
import java.util.ArrayList;
import java.util.List;

/** Every source the config names, and the landing zone's API responses, as {@link SourceSpec}s: the one place that maps config to formats. */
public final class SourceCatalog {
  public static final String SNAPSHOT_CSV = "coingecko_csv";
  public static final String COINBASE_TICKER = "coinbase_ticker";

  private SourceCatalog() {}

  public static List<SourceSpec> of(CoinlakeConfig config) {
    List<SourceSpec> specs = new ArrayList<>();
    String interval = config.ingest().ohlcv().interval();
    for (OhlcvSource s : config.ingest().ohlcv().sources()) {
      specs.add(new SourceSpec(RecordKind.OHLCV, s.layout(), s.path(), s.glob(),
          new OhlcvCsvFormat(config.layout(s.layout()), interval), false));
    }
    for (SnapshotSource s : config.ingest().snapshots().sources()) {
      specs.add(new SourceSpec(RecordKind.MARKET_SNAPSHOTS, SNAPSHOT_CSV, s.path(), s.glob(),
          new MarketSnapshotCsvFormat(s.percentUnit()), false));
    }
    for (FileSource s : config.ingest().ticks().sources()) {
      specs.add(new SourceSpec(RecordKind.TICKS, COINBASE_TICKER, s.path(), s.glob(), new CoinbaseTickerFormat(), false));
    }
    String landing = config.landing().root();
    specs.add(landed(landing, LandingFeed.COINGECKO_MARKETS, RecordKind.MARKET_SNAPSHOTS, new CoinGeckoMarketsFormat()));
    specs.add(landed(landing, LandingFeed.COINLORE_TICKERS, RecordKind.MARKET_SNAPSHOTS, new CoinLoreTickersFormat()));
    specs.add(landed(landing, LandingFeed.COINBASE_CANDLES, RecordKind.OHLCV, new CoinbaseCandlesFormat()));
    return specs;
  }

  /** A landing-zone folder: optional, since nothing has been fetched on a fresh machine. */
  private static SourceSpec landed(String landingRoot, LandingFeed feed, RecordKind kind, SourceFormat format) {
    return new SourceSpec(kind, feed.formatName(), feed.dir(landingRoot), LandingFeed.FILE_GLOB, format, true);
  }
}
