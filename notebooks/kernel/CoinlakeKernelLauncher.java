import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 as its own main class ({@code MainApp}) does, with fixes for
 * three problems that made headless runs fail. Each was seen here; the first two are races in the
 * kernel's startup that left it deaf, so Jupyter gave up with "Kernel didn't respond":
 *
 * <ul>
 *   <li>The shell, control and heartbeat channels each poll in a {@code LoopThread} whose {@code
 *       start()} starts the thread before it sets the thread's running flag. A thread that reads
 *       the flag first ends at once, and its channel never answers again (about 1 start in 10
 *       here). Such a loop is started again, with the flag set first.
 *   <li>The channels bind their sockets before the handler map exists, and a {@code
 *       kernel_info_request} that Jupyter queued before the bind then hits a null map and kills
 *       the shell thread. With an empty map in place, such an early request is only logged as
 *       unhandled, and Jupyter repeats it every second until the kernel answers.
 *   <li>The kernel sets java.util.logging's root level to FINEST. Spark routes java.util.logging
 *       into SLF4J, and Janino's FINER tracing then breaks Spark's code generation ("failed to
 *       compile"). The root level goes to INFO, the level of the kernel's own console handler, so
 *       none of its messages are lost.
 * </ul>
 *
 * Usage: {@code java -cp rapaio-jupyter-kernel-3.0.1.jar:<this class> CoinlakeKernelLauncher CONNECTION_FILE}
 */
public final class CoinlakeKernelLauncher {
  private static final Logger LOG = Logger.getLogger(CoinlakeKernelLauncher.class.getSimpleName());
  /** Held here so that its filter stays (java.util.logging keeps loggers only weakly). */
  private static final Logger SHELL_LOG = Logger.getLogger("ShellChannel");
  /** A loop thread that lost the race ends within microseconds; this is ample even on a loaded machine. */
  private static final long WATCH_LOOPS_MILLIS = 1500;

  private CoinlakeKernelLauncher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
      throw new IllegalArgumentException("usage: CoinlakeKernelLauncher CONNECTION_FILE (the file Jupyter passes as {connection_file})");
    }
    LogManager.getLogManager().readConfiguration(RapaioKernel.class.getClassLoader().getResourceAsStream("logging.properties"));
    Logger.getLogger("").setLevel(Level.INFO);
    // the early requests of the second fix are expected and Jupyter repeats them: not worth a SEVERE line
    SHELL_LOG.setFilter(log -> !String.valueOf(log.getMessage()).endsWith("Unhandled message: kernel_info_request"));

    ConnectionProperties connection = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
    // MainApp.kernel is the instance the notebooks' display(...) reaches. Building it prints a line
    // per classpath jar (about 180), which only buries the log of a headless run.
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    RapaioKernel kernel;
    try {
      kernel = MainApp.kernel;
    } finally {
      System.setOut(out);
    }
    Channels channels = new Channels(connection);
    setField(Channels.class, channels, "handlers", new HashMap<>());
    channels.connect(kernel);
    restartLoopsThatEndedAtStart(channels);
    channels.joinUntilClose();
    // a notebook that left its SparkSession open leaves non-daemon threads behind
    System.exit(0);
  }

  /** Watches the polling loops for a moment after they started, and starts again any that ended. */
  private static void restartLoopsThatEndedAtStart(Channels channels) throws Exception {
    List<AbstractChannel> polling = List.of(
        (AbstractChannel) getField(Channels.class, channels, "shell"),
        (AbstractChannel) getField(Channels.class, channels, "control"),
        (AbstractChannel) getField(Channels.class, channels, "heartbeat"));
    long deadline = System.nanoTime() + WATCH_LOOPS_MILLIS * 1_000_000;
    while (System.nanoTime() < deadline) {
      for (AbstractChannel channel : polling) {
        LoopThread loop = (LoopThread) getField(channel.getClass(), channel, "loopThread");
        // ended although still meant to run (shutdown() clears the flag, the race leaves it set)
        if (loop != null && !loop.isAlive() && (Boolean) getField(LoopThread.class, loop, "running")) {
          LoopThread again = new LoopThread(loop.getName(), (Long) getField(LoopThread.class, loop, "sleep"),
              (Runnable) getField(LoopThread.class, loop, "loopBody"));
          setField(LoopThread.class, again, "running", true);
          setField(channel.getClass(), channel, "loopThread", again);
          again.start();
          LOG.info(loop.getName() + " ended as it started (the kernel's LoopThread race); started it again");
        }
      }
      Thread.sleep(50);
    }
  }

  private static Object getField(Class<?> type, Object target, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  private static void setField(Class<?> type, Object target, String name, Object value) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }
}
