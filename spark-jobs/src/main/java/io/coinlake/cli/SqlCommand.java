package io.coinlake.cli;

import io.coinlake.config.CoinlakeConfig;
import io.coinlake.lake.Lake;
import io.coinlake.lake.LakeTable;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Queries lake tables by name (e.g. silver.ohlcv) and prints the result. */
@Command(name = "sql", description = "Query lake tables by name, e.g. ./coinlake sql \"SELECT * FROM gold.predictions\".")
final class SqlCommand implements Callable<Integer> {
  enum Format { table, csv, json }

  @Mixin
  CommonOptions options;

  @Parameters(index = "0", paramLabel = "QUERY", description = "Spark SQL; tables: bronze.ohlcv, silver.ohlcv, quarantine.ohlcv, gold.*, ops.*")
  String query;

  @Option(names = "--format", description = "table, csv or json (default: ${DEFAULT-VALUE})")
  Format format = Format.table;

  @Option(names = "--limit", description = "Rows to print (default: ${DEFAULT-VALUE})")
  int limit = 50;

  @Override
  public Integer call() {
    CoinlakeConfig config = options.config();
    SparkSession spark = SparkSessions.create(config, "coinlake sql");
    try {
      new Lake(config.lake().root()).registerTables(spark);
      Dataset<Row> result;
      try {
        result = spark.sql(query);
      } catch (Exception e) {
        // Spark's AnalysisException is checked in Java but undeclared; a bad query is a usage error
        if (e instanceof RuntimeException re && !(e.getClass().getName().contains("ParseException"))) {
          throw re;
        }
        throw new CommonOptions.UsageError("query failed: " + e.getMessage().lines().findFirst().orElse("")
            + " (tables: " + Arrays.stream(LakeTable.values()).map(LakeTable::qualifiedName).collect(Collectors.joining(", ")) + ")");
      }
      print(result.limit(limit));
      return 0;
    } finally {
      spark.stop();
    }
  }

  private void print(Dataset<Row> rows) {
    switch (format) {
      case table -> rows.show(limit, false);
      case json -> rows.toJSON().collectAsList().forEach(System.out::println);
      case csv -> {
        System.out.println(String.join(",", rows.columns()));
        for (Row r : rows.collectAsList()) {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < r.size(); i++) {
            line.append(i == 0 ? "" : ",").append(csvField(r.isNullAt(i) ? "" : String.valueOf(r.get(i))));
          }
          System.out.println(line);
        }
      }
    }
  }

  private static String csvField(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
