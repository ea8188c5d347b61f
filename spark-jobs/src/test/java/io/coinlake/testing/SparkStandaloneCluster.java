package io.coinlake.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster for integration tests: one master and one worker (2 cores) on
 * free 127.0.0.1 ports, each a separate JVM on a SPARK_HOME made from the Maven jars
 * ({@link SparkHome}), and {@link #submit} to run coinlake-jobs.jar on it in client mode.
 *
 * <p>Every process is started the way Spark's own scripts start it (bin/spark-class): the
 * command comes from {@code org.apache.spark.launcher.Main}, which is what puts Spark's Java 17
 * {@code --add-opens} flags on a spark-submit driver (SparkContext adds them to
 * spark.executor.extraJavaOptions for the executors); the daemons get conf/spark-java17.options
 * through SPARK_DAEMON_JAVA_OPTS. So a submission here is exactly the user's spark-submit command.
 *
 * <p>Logs go to target/spark-cluster/cluster-MASTERPORT/ (master.log, worker.log,
 * submit-N-TASK.log); executors log under the worker's work dir. {@link #close()} stops every
 * process it started by PID (TERM, then KILL after a grace period), with the executors the worker
 * still runs; a JVM shutdown hook does the same if a test never gets to close it.
 */
public final class SparkStandaloneCluster implements AutoCloseable {
  public static final String MAIN_CLASS = "io.coinlake.cli.CoinlakeMain";
  public static final int WORKER_CORES = 2;
  public static final String WORKER_MEMORY = "3g";
  public static final String EXECUTOR_MEMORY = "1g";
  public static final String DRIVER_MEMORY = "1g";
  private static final String DAEMON_MEMORY = "512m";
  /**
   * For every JVM of the cluster: C1 only and the serial collector. These JVMs live for seconds on
   * a shared 2-core box, where C2 compilation and parallel GC threads only compete with the work;
   * measured on validate, 64 s -> 32 s. Spark adds its own Java 17 flags next to these.
   */
  private static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Pattern APP_ID = Pattern.compile("Connected to Spark cluster with app ID (app-\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final Path home;
  private final Path logDir;
  private final int masterPort;
  private final int masterUiPort;
  private final int workerPort;
  private final int workerUiPort;
  private final List<ProcessHandle> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread shutdownHook = new Thread(this::stopAll, "spark-cluster-stop");
  private Process master;
  private Process worker;
  private int submissions;

  /** What one spark-submit did: its exit code, its whole output (also in {@code log}), the app id it got. */
  public record Submission(List<String> args, int exitCode, String output, Path log, Optional<String> appId) {
    /** The last lines of the output, for assertion messages. */
    public String tail() {
      List<String> lines = output.lines().toList();
      return "spark-submit " + String.join(" ", args) + " exited " + exitCode + "; the end of " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
  }

  private SparkStandaloneCluster(Path workDir, Path home, Path logDir, int[] ports) {
    this.workDir = workDir;
    this.home = home;
    this.logDir = logDir;
    this.masterPort = ports[0];
    this.masterUiPort = ports[1];
    this.workerPort = ports[2];
    this.workerUiPort = ports[3];
  }

  /** The spark-submit jar the package phase builds (maven-shade-plugin); fails clearly when it is not there. */
  public static Path jobsJar() {
    Path jar = Path.of(System.getProperty("basedir", "."), "target", "coinlake-jobs.jar").toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through Maven (mvn -pl spark-jobs verify),"
          + " whose package phase builds it with the maven-shade-plugin");
    }
    return jar;
  }

  /**
   * Builds a SPARK_HOME under {@code workDir}, starts the master and the worker, and waits until
   * the master lists the worker as alive.
   */
  public static SparkStandaloneCluster start(Path workDir) {
    Path home = SparkHome.create(workDir.resolve("spark-home"));
    int[] ports = freePorts(4);
    Path logDir = Path.of(System.getProperty("basedir", "."), "target", "spark-cluster", "cluster-" + ports[0]).toAbsolutePath();
    SparkStandaloneCluster cluster = new SparkStandaloneCluster(workDir, home, logDir, ports);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      Files.createDirectories(logDir);
      cluster.master = cluster.launch("org.apache.spark.deploy.master.Master", List.of(
          "--host", HOST, "--port", Integer.toString(cluster.masterPort), "--webui-port", Integer.toString(cluster.masterUiPort)),
          cluster.masterLog(), home);
      cluster.worker = cluster.launch("org.apache.spark.deploy.worker.Worker", List.of(cluster.masterUrl(),
          "--host", HOST, "--port", Integer.toString(cluster.workerPort), "--webui-port", Integer.toString(cluster.workerUiPort),
          "--cores", Integer.toString(WORKER_CORES), "--memory", WORKER_MEMORY,
          "--work-dir", Files.createDirectories(workDir.resolve("spark-work")).toString()),
          cluster.workerLog(), home);
      cluster.awaitWorker();
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException("cannot start the Spark cluster: " + io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  public String masterUrl() {
    return "spark://" + HOST + ":" + masterPort;
  }

  public String masterWebUrl() {
    return "http://" + HOST + ":" + masterUiPort;
  }

  public String workerWebUrl() {
    return "http://" + HOST + ":" + workerUiPort;
  }

  public Path masterLog() {
    return logDir.resolve("master.log");
  }

  public Path workerLog() {
    return logDir.resolve("worker.log");
  }

  /** The file names in SPARK_HOME/jars: the cluster's own classpath. */
  public List<String> sparkJars() {
    try (var files = Files.list(home.resolve("jars"))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + home.resolve("jars") + ": " + e.getMessage(), e);
    }
  }

  /** Every process this cluster started (master, worker, drivers) and every executor it stopped. */
  public synchronized List<ProcessHandle> processes() {
    return List.copyOf(processes);
  }

  /** The master's state as its web UI serves it at /json/: workers, activeapps, completedapps, ... */
  public JsonNode masterState() {
    return getJson(masterWebUrl() + "/json/");
  }

  /** The worker's state at /json/: executors, finishedexecutors (each with its appid), ... */
  public JsonNode workerState() {
    return getJson(workerWebUrl() + "/json/");
  }

  /**
   * {@code spark-submit --master <this cluster> --deploy-mode client --class CoinlakeMain
   * coinlake-jobs.jar <appArgs>}, as a child process in an empty working directory, so the jar
   * must carry everything (defaults and contracts included). Waits for it to end.
   */
  public Submission submit(List<String> appArgs) {
    Path jar = jobsJar();
    String task = appArgs.isEmpty() ? "app" : appArgs.get(0).replaceAll("[^A-Za-z0-9_-]", "_");
    Path log;
    synchronized (this) {
      log = logDir.resolve("submit-" + (++submissions) + "-" + task + ".log");
    }
    try {
      Path cwd = Files.createDirectories(workDir.resolve("driver-cwd"));
      Path tmp = Files.createDirectories(workDir.resolve("driver-tmp"));
      List<String> submitArgs = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client", "--class", MAIN_CLASS,
          "--driver-memory", DRIVER_MEMORY, "--executor-memory", EXECUTOR_MEMORY, "--conf", "spark.ui.enabled=false",
          "--driver-java-options", SHORT_LIVED_JVM + " -Djava.io.tmpdir=" + tmp,
          "--conf", "spark.executor.extraJavaOptions=" + SHORT_LIVED_JVM, jar.toString()));
      submitArgs.addAll(appArgs);
      Files.writeString(log, "$ spark-submit " + shellWords(submitArgs) + "\n", StandardCharsets.UTF_8);
      Process driver = launch("org.apache.spark.deploy.SparkSubmit", submitArgs, log, cwd);
      if (!driver.waitFor(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(driver.toHandle());
        throw new IllegalStateException("spark-submit " + String.join(" ", appArgs) + " did not end within "
            + SUBMIT_TIMEOUT.toMinutes() + " min and was killed; its output: " + log + "\n" + tail(log));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Matcher appId = APP_ID.matcher(output);
      return new Submission(List.copyOf(appArgs), driver.exitValue(), output, log,
          appId.find() ? Optional.of(appId.group(1)) : Optional.empty());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run spark-submit " + String.join(" ", appArgs) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while spark-submit " + String.join(" ", appArgs) + " was running", e);
    }
  }

  /** Stops every process by PID: drivers, the worker and the executors it still runs, the master. Safe to call twice. */
  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmAlreadyShuttingDown) {
      // the hook is running or has run; the processes are stopped either way
    }
  }

  private synchronized void stopAll() {
    List<ProcessHandle> started = new ArrayList<>(processes);
    java.util.Collections.reverse(started); // drivers, then the worker, then the master
    for (ProcessHandle process : started) {
      List<ProcessHandle> children = process.descendants().toList(); // executors: the worker's children
      stop(process);
      children.forEach(SparkStandaloneCluster::stop);
      children.stream().filter(c -> !processes.contains(c)).forEach(processes::add);
    }
  }

  private static void stop(ProcessHandle process) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      process.destroyForcibly();
      process.onExit().completeOnTimeout(process, STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS).join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Starts {@code mainClass} as bin/spark-class would: the launcher builds the command, then it runs. */
  private Process launch(String mainClass, List<String> args, Path log, Path cwd) throws IOException {
    List<String> command = launchCommand(mainClass, args, log);
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()));
    environment(builder.environment());
    Process process = builder.start();
    synchronized (this) {
      processes.add(process.toHandle());
    }
    return process;
  }

  /** org.apache.spark.launcher.Main prints the command to run (the bin/spark-class protocol). */
  private List<String> launchCommand(String mainClass, List<String> args, Path log) throws IOException {
    List<String> launcher = new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-cp", home.resolve("jars") + "/*",
        "org.apache.spark.launcher.Main", mainClass));
    launcher.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(launcher).redirectError(Redirect.appendTo(log.toFile()));
    environment(builder.environment());
    Process process = builder.start();
    byte[] out;
    try (InputStream in = process.getInputStream()) {
      out = in.readAllBytes();
    }
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("Spark's launcher failed for " + mainClass + "; its output (" + log + "):\n" + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Spark's launcher ran for " + mainClass, e);
    }
    // bin/spark-class echoes what comes before the "\0\n" marker and runs the NUL-separated words after it
    String printed = new String(out, StandardCharsets.UTF_8);
    int marker = printed.indexOf("\0\n");
    if (marker > 0) {
      Files.writeString(log, printed.substring(0, marker) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    List<String> command = marker < 0 ? List.of()
        : Arrays.stream(printed.substring(marker + 2).split("\0")).filter(s -> !s.isEmpty()).toList();
    if (command.isEmpty()) {
      throw new IllegalStateException("Spark's launcher printed no command for " + mainClass + "; see " + log);
    }
    return command;
  }

  /** SPARK_HOME and friends; inherited Spark and Hadoop settings of the machine are dropped. */
  private void environment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("HADOOP_") || k.startsWith("YARN_") || k.equals("PYSPARK_PYTHON"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", HOST);
    env.put("SPARK_DAEMON_MEMORY", DAEMON_MEMORY);
    env.put("SPARK_DAEMON_JAVA_OPTS", SHORT_LIVED_JVM + " " + String.join(" ", java17Options()));
  }

  private void awaitWorker() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive() || !worker.isAlive()) {
        throw new IllegalStateException("the Spark " + (master.isAlive() ? "worker" : "master") + " exited before the worker registered; "
            + logTails());
      }
      Optional<JsonNode> state = tryGetJson(masterWebUrl() + "/json/");
      if (state.isPresent() && state.get().path("aliveworkers").asInt() >= 1) {
        return;
      }
      try {
        master.waitFor(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the Spark worker to register", e);
      }
    }
    throw new IllegalStateException("no Spark worker registered with " + masterUrl() + " within " + START_TIMEOUT.toSeconds() + " s; "
        + logTails());
  }

  private String logTails() {
    return "master log (" + masterLog() + "):\n" + tail(masterLog()) + "\nworker log (" + workerLog() + "):\n" + tail(workerLog());
  }

  private JsonNode getJson(String url) {
    return tryGetJson(url).orElseThrow(() -> new IllegalStateException("no JSON from " + url + "; " + logTails()));
  }

  private Optional<JsonNode> tryGetJson(String url) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException notUpYet) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** conf/spark-java17.options, the JVM flags Spark 3.5 needs on Java 17 (shared with ./coinlake and the pom). */
  static List<String> java17Options() {
    Path file = Path.of(System.getProperty("basedir", "."), "..", "conf", "spark-java17.options").toAbsolutePath().normalize();
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Java 17 flags " + file + ": " + e.getMessage(), e);
    }
  }

  /** The arguments as a shell would need them, so a logged command can be pasted. */
  private static String shellWords(List<String> args) {
    return args.stream().map(a -> a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
        .collect(java.util.stream.Collectors.joining(" "));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static int[] freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket(0, 1, loopback); // held open until all are chosen, so they differ
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on " + HOST + ": " + e.getMessage(), e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // a port we could not release is the next bind's problem, reported there
        }
      }
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
