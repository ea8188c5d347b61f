package io.coinlake.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link SyntheticMarket} as one CSV per coin into a folder, coins in parallel on a
 * bounded pool (each thread reuses one buffer and writes each file with one call), then the
 * {@link Manifest}. The manifest goes first out and last in, so an interrupted run leaves a
 * folder that is regenerated, never reused.
 */
public final class MarketWriter {
  /** Threads by default: the cores, at most 4 (the files are small; more threads only contend for the disk). */
  public static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private MarketWriter() {}

  /** What a call did: the manifest of the folder, and whether it was reused rather than written. */
  public record Result(Path dir, Manifest manifest, boolean reused, double seconds) {}

  /** Reuses {@code dir} when its manifest matches {@code spec}, else generates it. */
  public static Result ensure(MarketSpec spec, Path dir, int threads) {
    long start = System.nanoTime();
    Optional<Manifest> existing = Manifest.read(dir);
    if (existing.isPresent() && existing.get().matches(spec) && allFilesPresent(spec, dir)) {
      return new Result(dir, existing.get(), true, (System.nanoTime() - start) / 1e9);
    }
    return generate(spec, dir, threads);
  }

  /** Generates {@code spec} into {@code dir}, replacing the files of an earlier generation there (other files stay). */
  public static Result generate(MarketSpec spec, Path dir, int threads) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(dir);
      removeEarlierGeneration(spec, dir);
    } catch (IOException e) {
      throw new GenerateException("cannot prepare " + dir + " for the data set: " + e.getMessage()
          + "; check the path and its permissions or choose another --out", e);
    }
    SyntheticMarket market = new SyntheticMarket(spec);
    CandleCsv csv = new CandleCsv(spec.firstDay(), spec.days());
    ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(csv::newBuffer);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
      Thread t = new Thread(r, "coinlake-generate");
      t.setDaemon(true);
      return t;
    });
    long bytes = 0;
    try {
      List<Future<Integer>> files = new ArrayList<>(spec.coins());
      for (int i = 0; i < spec.coins(); i++) {
        int coin = i;
        files.add(pool.submit(() -> writeCoin(market, csv, buffers.get(), coin, dir.resolve(spec.fileName(coin)))));
      }
      for (Future<Integer> file : files) {
        bytes += file.get();
      }
      Manifest manifest = Manifest.of(spec, bytes);
      manifest.write(dir);
      return new Result(dir, manifest, false, (System.nanoTime() - start) / 1e9);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof GenerateException g ? g : new GenerateException("generating " + dir + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerateException("generating " + dir + " was interrupted; run it again", e);
    } catch (IOException e) {
      throw new GenerateException("cannot write " + dir.resolve(Manifest.FILE_NAME) + ": " + e.getMessage()
          + "; free disk space or choose another --out", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int writeCoin(SyntheticMarket market, CandleCsv csv, byte[] buffer, int coin, Path file) {
    int length = csv.write(market.coin(coin), buffer);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(buffer, 0, length);
    } catch (IOException e) {
      throw new GenerateException("cannot write " + file + ": " + e.getMessage() + "; free disk space or choose another --out", e);
    }
    return length;
  }

  private static boolean allFilesPresent(MarketSpec spec, Path dir) {
    for (int i = 0; i < spec.coins(); i++) {
      if (!Files.isRegularFile(dir.resolve(spec.fileName(i)))) {
        return false;
      }
    }
    return true;
  }

  /** Drops the manifest, then the files an earlier generation wrote that this one will not overwrite. */
  private static void removeEarlierGeneration(MarketSpec spec, Path dir) throws IOException {
    Optional<Manifest> earlier = Manifest.read(dir);
    Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME));
    if (earlier.isEmpty()) {
      return;
    }
    MarketSpec old = earlier.get().spec();
    java.util.Set<String> kept = new java.util.HashSet<>();
    for (int i = 0; i < spec.coins(); i++) {
      kept.add(spec.fileName(i));
    }
    for (int i = 0; i < old.coins(); i++) {
      if (!kept.contains(old.fileName(i))) {
        Files.deleteIfExists(dir.resolve(old.fileName(i)));
      }
    }
  }
}
