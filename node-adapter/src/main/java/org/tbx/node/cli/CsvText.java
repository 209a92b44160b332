package org.tbx.node.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.tbx.protocol.rules.Rulebook;

/**
 * What every CSV layout says the same way: messages in the language of the file's header, columns
 * named as the file names them, times read in the bank's zone, unknown service categories.
 */
final class CsvText {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]", Locale.ROOT);

  private final boolean chinese;
  private final ZoneId zone;
  private final Map<String, String> names;

  /**
   * @param chinese whether the header uses Chinese column names
   * @param zone where local times without an offset were recorded
   * @param names a column's English name, or the request field it fills, to the file's header
   */
  CsvText(boolean chinese, ZoneId zone, Map<String, String> names) {
    this.chinese = chinese;
    this.zone = zone;
    this.names = names;
  }

  /**
   * @return the message in the language of the file's header: Chinese when it uses Chinese names
   */
  String say(String english, String chineseText) {
    return chinese ? chineseText : english;
  }

  /**
   * @return the column as the file names it, for a column's English name or the request field it
   *     fills (e.g. {@code startedAt} becomes {@code 开始时间} in a Chinese file); the name itself when
   *     no column carries it
   */
  String columnOf(String nameOrField) {
    return names.getOrDefault(nameOrField, nameOrField);
  }

  /**
   * @throws CsvLayout.BadRow naming the column when the time reads neither as a local time in the
   *     zone nor as a time with an offset
   */
  Instant instant(String column, String text) throws CsvLayout.BadRow {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException offsetMissing) {
      try {
        return LocalDateTime.parse(text, LOCAL).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new CsvLayout.BadRow(
            say(
                columnOf(column)
                    + " must be like 2026-11-28 09:30 (local time in "
                    + zone
                    + ") or 2026-11-28T09:30:00+08:00, was \""
                    + text
                    + "\"",
                columnOf(column)
                    + " 应形如 2026-11-28 09:30 ("
                    + zone
                    + " 当地时间) 或 2026-11-28T09:30:00+08:00, 实为 \""
                    + text
                    + "\""));
      }
    }
  }

  /**
   * @return why a category is refused, with the rulebook's categories
   */
  String unknownCategory(String column, String given, Rulebook rulebook) {
    return say(
        column
            + " \""
            + given
            + "\" is not in rulebook "
            + rulebook.version()
            + "; use one of "
            + rulebook.categories().stream().map(c -> c.code() + " (" + c.nameEn() + ")").toList(),
        column
            + " \""
            + given
            + "\" 不在第 "
            + rulebook.version()
            + " 版规则中; 可用: "
            + rulebook.categories().stream().map(c -> c.nameZh() + " (" + c.code() + ")").toList());
  }
}
