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
 * CoinGecko {@code /coins/markets} as landed by {@code coinlake fetch}: a JSON array of coin
 * objects -> {@link ValueSchemas#MARKET_SNAPSHOT}. The snapshot time is the fetch time in the file
 * name (the body's {@code last_updated} differs per coin and would scatter one snapshot over many
 * timestamps). Percent changes become fractions; the 24h change falls back to
 * {@code price_change_percentage_24h} when the request did not ask for the in-currency one.
 * Fields the schema does not know stay in {@code raw}; they are not passed on as extras, since a
 * markets object has dozens of them (ath, roi, supply ...) that are not market-snapshot columns.
 */
public final class CoinGeckoMarketsFormat implements SourceFormat {
  private static final String EXPECTED = "a JSON array of coin objects (CoinGecko /coins/markets)";

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
    for (JsonArrayElements.Element e : JsonArrayElements.topLevelArray(text, EXPECTED)) {
      out.add(record(e, snapshot));
    }
    return out;
  }

  private static ParsedRecord record(JsonArrayElements.Element e, Timestamp snapshot) {
    JsonNode coin = e.node();
    if (!coin.isObject()) {
      return ParsedRecord.failed(e.line(), e.raw(), "element is " + ApiJsonValues.typeOf(coin) + ", expected a coin object");
    }
    try {
      String id = requiredText(coin, "id");
      String symbol = requiredText(coin, "symbol").toUpperCase(Locale.ROOT);
      String name = optionalText(coin, "name");
      double price = requiredNumber(coin, "current_price");
      Double change24h = optionalNumber(coin, "price_change_percentage_24h_in_currency");
      if (change24h == null) {
        change24h = optionalNumber(coin, "price_change_percentage_24h");
      }
      return ParsedRecord.ok(e.line(), e.raw(), symbol, snapshot, name, id, price,
          percentToFraction(optionalNumber(coin, "price_change_percentage_1h_in_currency")),
          percentToFraction(change24h),
          percentToFraction(optionalNumber(coin, "price_change_percentage_7d_in_currency")),
          optionalNumber(coin, "total_volume"),
          optionalNumber(coin, "market_cap"));
    } catch (ApiJsonValues.BadField bad) {
      return ParsedRecord.failed(e.line(), e.raw(), bad.getMessage());
    }
  }
}
