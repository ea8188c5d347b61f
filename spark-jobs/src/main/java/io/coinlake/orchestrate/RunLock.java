package io.coinlake.orchestrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One pipeline run at a time per lake: a lock file ({@code <lake>/_ops/run.lock}) holding the run
 * id, process id, host and start time, refreshed by a heartbeat. A second run fails with a line
 * naming the holder. A lock is stale, and taken over, when its process is gone from this host or
 * its heartbeat is older than {@link #STALE_AFTER} (a holder on another machine that died).
 * Creation is create-if-absent: atomic on local and HDFS file systems; on S3 it narrows, but does
 * not close, the window for two starts in the same instant.
 */
public final class RunLock implements AutoCloseable {
  public static final String LOCK_FILE = "_ops/run.lock";
  static final Duration HEARTBEAT = Duration.ofSeconds(60);
  static final Duration STALE_AFTER = Duration.ofMinutes(10);

  /** The task attempt a lock holder is working on: the one to record as failed if the holder dies. */
  public record Attempt(String runId, String task, int attempt, Instant since) {}

  /**
   * Who holds a lock; {@code heartbeat} is the last time the holder said it is alive, {@code
   * current} the task attempt it is on (null between tasks).
   */
  public record Holder(String runId, long pid, String host, Instant since, Instant heartbeat, Attempt current) {
    public Holder(String runId, long pid, String host, Instant since, Instant heartbeat) {
      this(runId, pid, host, since, heartbeat, null);
    }

    Holder beating(Instant at) {
      return new Holder(runId, pid, host, since, at, current);
    }

    Holder on(Attempt attempt) {
      return new Holder(runId, pid, host, since, heartbeat, attempt);
    }

    String text() {
      String text = "run_id=" + runId + "\npid=" + pid + "\nhost=" + host + "\nsince=" + since + "\nheartbeat=" + heartbeat + "\n";
      if (current != null) {
        text += "attempt_run_id=" + current.runId() + "\nattempt_task=" + current.task() + "\nattempt=" + current.attempt()
            + "\nattempt_since=" + current.since() + "\n";
      }
      return text;
    }

    static Holder parse(String text) throws IOException {
      Properties p = new Properties();
      p.load(new StringReader(text));
      try {
        Attempt current = p.getProperty("attempt_task") == null ? null : new Attempt(p.getProperty("attempt_run_id"),
            p.getProperty("attempt_task"), Integer.parseInt(p.getProperty("attempt")), Instant.parse(p.getProperty("attempt_since")));
        return new Holder(p.getProperty("run_id"), Long.parseLong(p.getProperty("pid")), p.getProperty("host"),
            Instant.parse(p.getProperty("since")), Instant.parse(p.getProperty("heartbeat")), current);
      } catch (RuntimeException e) {
        throw new IOException("unreadable lock file: " + text.replace('\n', ' '));
      }
    }
  }

  /** The lake is in use by another run. */
  public static final class LockHeldException extends RuntimeException {
    LockHeldException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Holder tookOver;
  private final Clock clock;
  private volatile Holder holder;
  private final ScheduledExecutorService heartbeat;

  private RunLock(FileSystem fs, Path file, Holder holder, Holder tookOver, Clock clock) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
    this.tookOver = tookOver;
    this.clock = clock;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "coinlake-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toSeconds(), HEARTBEAT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Takes the lock for {@code runId}, taking over a stale one (and saying so on {@code console}). */
  public static RunLock acquire(FileSystem fs, String lakeRoot, String runId, Clock clock, Console console) {
    Path file = new Path(lakeRoot, LOCK_FILE);
    Instant now = clock.instant();
    Holder me = new Holder(runId, ProcessHandle.current().pid(), hostName(), now, now);
    Holder stale = null;
    try {
      if (!tryCreate(fs, file, me)) {
        Holder other = read(fs, file);
        String why = staleness(other, clock.instant());
        if (why == null) {
          throw new LockHeldException("the lake " + lakeRoot + " is locked by run " + other.runId() + " (pid " + other.pid()
              + " on " + other.host() + ") since " + other.since() + "; wait for it to finish (./coinlake status shows it)");
        }
        console.line("coinlake: taking over the stale lock of run " + other.runId() + " (pid " + other.pid() + " on "
            + other.host() + ", since " + other.since() + "): " + why);
        stale = other;
        fs.delete(file, false);
        if (!tryCreate(fs, file, me)) {
          Holder winner = read(fs, file);
          throw new LockHeldException("the lake " + lakeRoot + " was locked by run " + winner.runId() + " at the same moment; try again");
        }
      }
      return new RunLock(fs, file, me, stale, clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot use the run lock " + file + ": " + e.getMessage()
          + "; check that the lake root is writable", e);
    }
  }

  /** Why a lock is stale, or null when its holder may still be running. */
  static String staleness(Holder h, Instant now) {
    if (h.host().equals(hostName()) && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)) {
      return "process " + h.pid() + " is gone";
    }
    if (h.heartbeat().plus(STALE_AFTER).isBefore(now)) {
      return "no heartbeat since " + h.heartbeat();
    }
    return null;
  }

  public Holder holder() {
    return holder;
  }

  /** The stale holder this lock was taken over from, if any: its run and attempt were cut short. */
  public java.util.Optional<Holder> tookOver() {
    return java.util.Optional.ofNullable(tookOver);
  }

  /** Records in the lock file the task attempt now starting, so that a successor can tell what was cut short. */
  public void attempting(String runId, String task, int attempt) {
    holder = holder.on(new Attempt(runId, task, attempt, clock.instant()));
    beat();
  }

  private synchronized void beat() {
    try {
      if (!read(fs, file).runId().equals(holder.runId())) {
        heartbeat.shutdown(); // taken over: never write over the new holder
        return;
      }
    } catch (IOException e) {
      return;
    }
    try (OutputStream out = fs.create(file, true)) {
      holder = holder.beating(clock.instant());
      out.write(holder.text().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the next beat tries again; a lock missing beats for STALE_AFTER may be taken over
    }
  }

  private static boolean tryCreate(FileSystem fs, Path file, Holder me) throws IOException {
    if (fs.exists(file)) {
      return false;
    }
    try (OutputStream out = fs.create(file, false)) {
      out.write(me.text().getBytes(StandardCharsets.UTF_8));
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    }
  }

  static Holder read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  /** Releases the lock if it is still ours. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      if (fs.exists(file) && read(fs, file).runId().equals(holder.runId())) {
        fs.delete(file, false);
      }
    } catch (IOException e) {
      // a lock left behind is detected as stale by the next run
    }
  }
}
