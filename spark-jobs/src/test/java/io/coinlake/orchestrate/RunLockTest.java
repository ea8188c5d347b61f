package io.coinlake.orchestrate;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
  private static final Instant NOW = Instant.parse("2026-11-21T07:30:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Console console = new Console(new PrintStream(out, true));

  @TempDir
  Path lake;

  private FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  private Path lockFile() {
    return lake.resolve(RunLock.LOCK_FILE);
  }

  @Test
  void aSecondRunIsRefusedWithOneLineNamingTheHolderAndSince() throws Exception {
    try (RunLock first = RunLock.acquire(fs(), lake.toString(), "run-1", clock, console)) {
      String text = Files.readString(lockFile());
      assertTrue(text.contains("run_id=run-1\npid=" + ProcessHandle.current().pid() + "\n"), text);
      RunLock.LockHeldException e = assertThrows(RunLock.LockHeldException.class,
          () -> RunLock.acquire(fs(), lake.toString(), "run-2", clock, console));
      assertEquals("the lake " + lake + " is locked by run run-1 (pid " + ProcessHandle.current().pid() + " on "
          + RunLock.hostName() + ") since 2026-11-21T07:30:00Z; wait for it to finish (./coinlake status shows it)", e.getMessage());
    }
    assertFalse(Files.exists(lockFile()), "released on close");
    try (RunLock again = RunLock.acquire(fs(), lake.toString(), "run-3", clock, console)) {
      assertEquals("run-3", again.holder().runId());
    }
  }

  @Test
  void aLockLeftByADeadProcessOnThisHostIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createDirectories(lockFile().getParent());
    Files.writeString(lockFile(), new RunLock.Holder("killed-run", gone.pid(), RunLock.hostName(), NOW.minusSeconds(30), NOW.minusSeconds(30)).text());
    try (RunLock lock = RunLock.acquire(fs(), lake.toString(), "run-4", clock, console)) {
      assertEquals("run-4", RunLock.read(fs(), new org.apache.hadoop.fs.Path(lockFile().toString())).runId());
    }
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("taking over the stale lock of run killed-run (pid " + gone.pid()
        + " on " + RunLock.hostName() + ", since 2026-11-21T07:29:30Z): process " + gone.pid() + " is gone"), out.toString());
  }

  @Test
  void aLockFromAnotherHostIsStaleOnlyWithoutARecentHeartbeat() {
    RunLock.Holder fresh = new RunLock.Holder("r", 1, "other-host", NOW.minusSeconds(7200), NOW.minusSeconds(120));
    RunLock.Holder silent = new RunLock.Holder("r", 1, "other-host", NOW.minusSeconds(7200), NOW.minusSeconds(601));
    assertNull(RunLock.staleness(fresh, NOW));
    assertEquals("no heartbeat since 2026-11-21T07:19:59Z", RunLock.staleness(silent, NOW));
  }

  @Test
  void theAttemptInProgressIsInTheLockFileAndHandedToTheSuccessor() throws Exception {
    try (RunLock lock = RunLock.acquire(fs(), lake.toString(), "run-5", clock, console)) {
      assertTrue(lock.tookOver().isEmpty());
      lock.attempting("run-5", "features", 2);
      String text = Files.readString(lockFile());
      assertTrue(text.contains("attempt_run_id=run-5\nattempt_task=features\nattempt=2\nattempt_since=2026-11-21T07:30:00Z\n"), text);
      assertEquals(new RunLock.Attempt("run-5", "features", 2, NOW), RunLock.read(fs(), new org.apache.hadoop.fs.Path(lockFile().toString())).current());
    }
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    RunLock.Attempt cut = new RunLock.Attempt("killed-run", "train", 1, NOW.minusSeconds(20));
    Files.writeString(lockFile(), new RunLock.Holder("killed-run", gone.pid(), RunLock.hostName(), NOW.minusSeconds(90),
        NOW.minusSeconds(10), cut).text());
    try (RunLock lock = RunLock.acquire(fs(), lake.toString(), "run-6", clock, console)) {
      assertEquals(cut, lock.tookOver().orElseThrow().current());
      assertEquals(NOW.minusSeconds(10), lock.tookOver().orElseThrow().heartbeat());
    }
  }
}
