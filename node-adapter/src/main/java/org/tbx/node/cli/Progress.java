package org.tbx.node.cli;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** A progress bar with counts, redrawn in place on a terminal and printed every tenth otherwise. */
final class Progress {

  private static final int WIDTH = 30;

  private final long total;
  private final PrintStream out;
  private final boolean terminal = System.console() != null;
  private final Map<ImportCommand.Outcome, Long> counts =
      new EnumMap<>(ImportCommand.Outcome.class);
  private long done;
  private long lastDrawn = -1;
  private long lastDrawnAt;

  Progress(long total, PrintStream out) {
    this.total = total;
    this.out = out;
  }

  synchronized void add(ImportCommand.Outcome outcome) {
    counts.merge(outcome, 1L, Long::sum);
    done++;
    long now = System.nanoTime();
    boolean tenth = total > 0 && done * 10 / total != (done - 1) * 10 / total;
    if (terminal ? now - lastDrawnAt > 100_000_000L : tenth) {
      draw();
      lastDrawnAt = now;
    }
  }

  synchronized long count(ImportCommand.Outcome outcome) {
    return counts.getOrDefault(outcome, 0L);
  }

  synchronized void finish() {
    if (lastDrawn != done) {
      draw();
    }
    if (terminal) {
      out.println();
    }
  }

  private void draw() {
    int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String line =
        String.format(
            Locale.ROOT,
            "[%s] %3d%% %d/%d rows  imported %d  already %d  rejected %d  not sent %d",
            bar,
            total == 0 ? 100 : done * 100 / total,
            done,
            total,
            count(ImportCommand.Outcome.IMPORTED),
            count(ImportCommand.Outcome.ALREADY_IMPORTED),
            count(ImportCommand.Outcome.REJECTED),
            count(ImportCommand.Outcome.FAILED));
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
    lastDrawn = done;
  }
}
