package io.coinlake.orchestrate;

import java.io.PrintStream;

/** Where progress and summaries go (stdout for the CLI, a buffer in tests). */
public final class Console {
  private final PrintStream out;

  public Console(PrintStream out) {
    this.out = out;
  }

  public void line(String text) {
    out.println(text);
    out.flush();
  }
}
