package io.coinlake.ingest;

import static io.coinlake.ingest.ApiJsonValues.optionalNumber;
import static io.coinlake.ingest.ApiJsonValues.optionalText;
import static io.coinlake.ingest.ApiJsonValues.percentToFraction;
import static io.coinlake.ingest.ApiJsonValues.requiredNumber;
import static io.coinlake.ingest.ApiJsonValues.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.StructType;

/**
 * CoinLore {@code /api/tickers/} as landed by {@code coinlake fetch}: an object whose
 * {@code "data"} array holds one ticker per coin (numbers often sent as strings, changes in
 * percent) -> {@link ValueSchemas#MARKET_SNAPSHOT}. The snapshot time is the fetch time in the file
 * name, as for CoinGecko, so the two feeds line up; {@code "info"} is ignored.
 */
public final class CoinLoreTickersFormat implements SourceFormat {
  private static final String EXPECTED = "an object with a \"data\" array of tickers (CoinLore /api/tickers/)";

  @Override
  public boolean nameCarriesData() {
    return true;
  }

  @Override
  public StructType valueSchema() {
    return ValueSchemas.MARKET_SNAPSHOT;
  }

  @Override
  public List<ParsedRecord> parse(String file, String text) {
    Timestamp snapshot = Timestamp.from(LandingFileName.parse(file).fetchedAt());
    List<ParsedRecord> out = new ArrayList<>();
    for (JsonArrayElements.Element e : JsonArrayElements.arrayField(text, "data", EXPECTED)) {
      out.add(record(e, snapshot));
    }
    return out;
  }

  private static ParsedRecord record(JsonArrayElements.Element e, Timestamp snapshot) {
    JsonNode ticker = e.node();
    if (!ticker.isObject()) {
      return ParsedRecord.failed(e.line(), e.raw(), "element is " + ApiJsonValues.typeOf(ticker) + ", expected a ticker object");
    }
    try {
      String id = requiredText(ticker, "id");
      String symbol = requiredText(ticker, "symbol").toUpperCase(Locale.ROOT);
      String name = optionalText(ticker, "name");
      double price = requiredNumber(ticker, "price_usd");
      return ParsedRecord.ok(e.line(), e.raw(), symbol, snapshot, name, id, price,
          percentToFraction(optionalNumber(ticker, "percent_change_1h")),
          percentToFraction(optionalNumber(ticker, "percent_change_24h")),
          percentToFraction(optionalNumber(ticker, "percent_change_7d")),
          optionalNumber(ticker, "volume24"),
          optionalNumber(ticker, "market_cap_usd"));
    } catch (ApiJsonValues.BadField bad) {
      return ParsedRecord.failed(e.line(), e.raw(), bad.getMessage());
    }
  }
}
