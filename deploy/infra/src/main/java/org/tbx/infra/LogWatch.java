package org.tbx.infra;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Watches the application's log while a test runs in its JVM, keeping every ERROR and every record
 * that carries a stack trace: bad input must leave neither.
 */
public final class LogWatch implements AutoCloseable {

  private final List<LogRecord> seen = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.SEVERE.intValue()
              || record.getThrown() != null) {
            seen.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private LogWatch() {
    Logger.getLogger("").addHandler(handler);
  }

  /** Starts watching the root logger. */
  public static LogWatch start() {
    return new LogWatch();
  }

  /**
   * @return each ERROR or stack trace logged since the start, as "logger: message (exception)"
   */
  public List<String> problems() {
    return seen.stream()
        .map(
            r ->
                r.getLoggerName()
                    + ": "
                    + r.getMessage()
                    + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"))
        .toList();
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(handler);
  }
}
