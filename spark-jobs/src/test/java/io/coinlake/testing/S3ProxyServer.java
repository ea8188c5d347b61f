package io.coinlake.testing;

import io.coinlake.config.S3Config;
import io.coinlake.lake.HadoopSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A real S3 server for integration tests: s3proxy (target/s3proxy/s3proxy.jar, copied there by the
 * build before the integration tests) as a separate process on a free 127.0.0.1 port, storing
 * objects as plain files under a directory the test owns ({@link #bucketDir()}). One bucket with a
 * fresh random name per server, so Hadoop's FileSystem cache (keyed by scheme and bucket) never
 * hands a test a client still pointing at an earlier server.
 *
 * <p>{@link #close()} stops the process by its PID (TERM, then KILL after a few seconds); a JVM
 * shutdown hook does the same if a test never gets to close it. The server's output goes to
 * target/s3proxy/s3proxy-PORT.log.
 *
 * <p>Credentials: production S3A reads them from the environment (AWS_ACCESS_KEY_ID, ...), which a
 * test cannot set for its own JVM. {@link #exportCredentials()} sets them instead as the
 * {@code spark.hadoop.fs.s3a.access.key}/{@code secret.key} system properties, which a new
 * SparkContext and {@link HadoopSettings#configuration} both read; {@link #close()} removes them.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "coinlake-test-access-key";
  public static final String SECRET_KEY = "coinlake-test-secret-key";
  public static final String REGION = "us-east-1";
  private static final String ACCESS_KEY_PROPERTY = HadoopSettings.SPARK_HADOOP_PREFIX + "fs.s3a.access.key";
  private static final String SECRET_KEY_PROPERTY = HadoopSettings.SPARK_HADOOP_PREFIX + "fs.s3a.secret.key";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final InetAddress LOOPBACK = loopback();

  private final Process process;
  private final Thread shutdownHook;
  private final int port;
  private final String bucket;
  private final Path bucketDir;
  private final Path log;

  private S3ProxyServer(Process process, Thread shutdownHook, int port, String bucket, Path bucketDir, Path log) {
    this.process = process;
    this.shutdownHook = shutdownHook;
    this.port = port;
    this.bucket = bucket;
    this.bucketDir = bucketDir;
    this.log = log;
  }

  /** The jar the build copies (maven-dependency-plugin, phase pre-integration-test). */
  public static Path jar() {
    return Path.of(System.getProperty("basedir", "."), "target", "s3proxy", "s3proxy.jar").toAbsolutePath().normalize();
  }

  /** Starts s3proxy storing under {@code workDir} and waits until it accepts connections. */
  public static S3ProxyServer start(Path workDir) {
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through Maven"
          + " (mvn -pl spark-jobs verify), which copies org.gaul:s3proxy there first");
    }
    try {
      String bucket = "coinlake-it-" + UUID.randomUUID().toString().substring(0, 8);
      Path storage = Files.createDirectories(workDir.resolve("s3proxy-storage"));
      Path bucketDir = Files.createDirectories(storage.resolve(bucket));
      int port = freePort();
      Path properties = workDir.resolve("s3proxy-" + port + ".properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=http://127.0.0.1:" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + storage.toAbsolutePath(),
          ""), StandardCharsets.UTF_8);
      Path log = Files.createDirectories(jar.getParent()).resolve("s3proxy-" + port + ".log");
      Process process = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar.toString(), "--properties", properties.toString())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      Thread hook = new Thread(() -> stop(process), "s3proxy-stop-" + process.pid());
      Runtime.getRuntime().addShutdownHook(hook);
      S3ProxyServer server = new S3ProxyServer(process, hook, port, bucket, bucketDir, log);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start s3proxy from " + jar + ": " + e.getMessage(), e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The bucket, created empty before the server started. */
  public String bucket() {
    return bucket;
  }

  /** {@code s3a://bucket/relative}. */
  public String uri(String relative) {
    return "s3a://" + bucket + "/" + relative;
  }

  /** Where the server keeps the bucket's objects, one file per object, for assertions. */
  public Path bucketDir() {
    return bucketDir;
  }

  public Path log() {
    return log;
  }

  /** The coinlake {@code s3} settings that reach this server. */
  public S3Config s3Config() {
    return new S3Config(endpoint(), true, REGION, false);
  }

  /** The same as a YAML line for a config file handed to the CLI with --config. */
  public String s3ConfigYaml() {
    return "s3: {endpoint: '" + endpoint() + "', pathStyleAccess: true, region: " + REGION + ", sslEnabled: false}";
  }

  /** The test credentials as Hadoop settings, for a Configuration built by the test itself. */
  public Map<String, String> hadoopCredentials() {
    return Map.of("fs.s3a.access.key", ACCESS_KEY, "fs.s3a.secret.key", SECRET_KEY);
  }

  /**
   * Uploads a local file as {@code s3a://bucket/key} through S3 itself. Copying into
   * {@link #bucketDir()} directly is not the same: such objects lack the ETag S3A checks on read.
   */
  public void upload(Path localFile, String key) {
    Configuration conf = HadoopSettings.configuration(s3Config());
    hadoopCredentials().forEach(conf::set);
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(uri(key));
    // a private instance: the FileSystem cache keeps whatever Spark's own settings make of this bucket
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(localFile.toUri()), target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + localFile + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes the test credentials visible the way spark-submit --conf would: as spark.hadoop.*
   * system properties. Only a SparkContext created after this call sees them.
   */
  public void exportCredentials() {
    System.setProperty(ACCESS_KEY_PROPERTY, ACCESS_KEY);
    System.setProperty(SECRET_KEY_PROPERTY, SECRET_KEY);
  }

  /** Stops the process (by PID) and removes the exported credentials. Safe to call twice. */
  @Override
  public void close() {
    System.getProperties().remove(ACCESS_KEY_PROPERTY, ACCESS_KEY);
    System.getProperties().remove(SECRET_KEY_PROPERTY, SECRET_KEY);
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmAlreadyShuttingDown) {
      // the hook is running or has run; the process is stopped either way
    }
  }

  private static void stop(Process process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        close();
        throw new IllegalStateException("s3proxy exited with code " + process.exitValue() + " before listening on port " + port
            + "; its output (" + log + "):\n" + tail());
      }
      if (accepts(port)) {
        return;
      }
      try {
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for s3proxy to start", e);
      }
    }
    close();
    throw new IllegalStateException("s3proxy did not listen on 127.0.0.1:" + port + " within " + START_TIMEOUT.toSeconds()
        + " s; its output (" + log + "):\n" + tail());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      return socket.getLocalPort();
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
