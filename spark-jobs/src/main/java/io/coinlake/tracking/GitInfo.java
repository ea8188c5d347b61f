package io.coinlake.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The code version a run records: the git commit the running classes were built from, and
 * whether the checkout had uncommitted changes then. The build writes both into the resource
 * {@value #BUILD_INFO} (maven-antrun-plugin, see spark-jobs/pom.xml), so a jar on a cluster,
 * far from any .git, still knows its commit. Only without that resource (classes built outside
 * Maven) does it ask {@code git} in the working directory. "unknown" when neither answers.
 */
public final class GitInfo {
  /** The classpath resource the build writes: {@code git.commit=<40 hex>}, {@code git.dirty=true|false|unknown}. */
  public static final String BUILD_INFO = "/io/coinlake/build-info.properties";
  public static final String UNKNOWN = "unknown";

  private static final Properties BUILD = load();

  private GitInfo() {}

  /** The 40-hex commit of the code that is running, or "unknown". */
  public static String commit() {
    String built = BUILD.getProperty("git.commit", UNKNOWN);
    if (isCommit(built)) {
      return built;
    }
    String out = git("rev-parse", "HEAD");
    return out != null && isCommit(out.trim()) ? out.trim() : UNKNOWN;
  }

  /** "true" when the code was built from (or runs in) a checkout with uncommitted changes, "false", or "unknown". */
  public static String dirty() {
    if (isCommit(BUILD.getProperty("git.commit", UNKNOWN))) {
      return BUILD.getProperty("git.dirty", UNKNOWN);
    }
    String out = git("status", "--porcelain");
    return out == null ? UNKNOWN : Boolean.toString(!out.isBlank());
  }

  static boolean isCommit(String s) {
    return s != null && s.matches("[0-9a-f]{40}");
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = GitInfo.class.getResourceAsStream(BUILD_INFO)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // no build info: fall back to asking git
    }
    return p;
  }

  /** git's stdout, or null when git is absent, fails or hangs. */
  private static String git(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
