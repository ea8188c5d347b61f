package io.coinlake.cli;

import io.coinlake.synth.Manifest;
import io.coinlake.synth.MarketSpec;
import io.coinlake.synth.MarketWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coinlake generate}: a deterministic synthetic market as per-coin CSVs (no Spark). */
@Command(name = "generate", description = "Write a deterministic synthetic market (GBM with GARCH volatility, Student-t shocks,"
    + " lognormal volume) as one CSV per coin in the per_coin_file layout (SYM-USD_1d.csv: datetime,open,high,low,close,volume)."
    + " The same seed gives byte-identical files.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--coins", required = true, paramLabel = "N", description = "Number of coins (files).")
  int coins;

  @Option(names = "--days", required = true, paramLabel = "D", description = "Daily candles per coin (all end on 2024-12-31).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the CSVs and " + Manifest.FILE_NAME + ".")
  Path out;

  @Option(names = "--threads", paramLabel = "T", description = "Coins written at once (default: the cores, at most 4).")
  Integer threads;

  @Override
  public Integer call() {
    MarketSpec spec = new MarketSpec(coins, days, seed);
    MarketWriter.Result result = MarketWriter.generate(spec, out, threads == null ? MarketWriter.DEFAULT_THREADS : threads);
    System.out.printf("generated %,d rows (%,d coins x %,d days, %s .. %s, seed %d) in %,d files, %,.1f MB, in %.1f s (%,.0f rows/s)%n",
        spec.rows(), coins, days, spec.firstDay(), MarketSpec.LAST_DAY, seed, spec.coins(), result.manifest().bytes() / 1e6,
        result.seconds(), spec.rows() / Math.max(result.seconds(), 1e-9));
    System.out.println("into " + out.toAbsolutePath().normalize() + " (manifest " + Manifest.FILE_NAME + "); ingest it with");
    System.out.println("  --set 'ingest.ohlcv.sources=[{path: " + out.toAbsolutePath().normalize() + ", glob: \""
        + Manifest.FILE_GLOB + "\", layout: per_coin_file}]'");
    return 0;
  }
}
