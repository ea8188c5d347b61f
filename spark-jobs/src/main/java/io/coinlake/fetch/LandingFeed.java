package io.coinlake.fetch;

/**
 * The folders of the landing zone: {@code <landing.root>/<api>/<endpoint>/}. {@code coinlake fetch}
 * writes into them and {@code ingest} reads them, so both take the layout from here.
 */
public enum LandingFeed {
  COINGECKO_MARKETS(Api.COINGECKO, "markets"),
  COINLORE_TICKERS(Api.COINLORE, "tickers"),
  COINBASE_CANDLES(Api.COINBASE, "candles");

  /** Every landed response is one JSON file. */
  public static final String FILE_GLOB = "*.json";

  private final Api api;
  private final String endpoint;

  LandingFeed(Api api, String endpoint) {
    this.api = api;
    this.endpoint = endpoint;
  }

  public Api api() {
    return api;
  }

  public String endpoint() {
    return endpoint;
  }

  /** The folder of this feed under a landing root (a local path or s3a://bucket/prefix). */
  public String dir(String landingRoot) {
    String root = landingRoot.endsWith("/") ? landingRoot.substring(0, landingRoot.length() - 1) : landingRoot;
    return root + "/" + api.id() + "/" + endpoint;
  }

  /** The format name recorded per file in ops.file_ingests, e.g. coingecko_markets. */
  public String formatName() {
    return api.id() + "_" + endpoint;
  }
}
