package org.tbx.node.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVRecord;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.ServiceCategory;

/**
 * The documented column layout of a service-record CSV, in English or Chinese headers, and how one
 * row becomes the JSON body of {@code POST /api/v1/service-records}.
 */
final class CsvLayout {

  /**
   * A column: its English name, its Chinese name, whether every row needs it, and the field of the
   * service record it fills (null for none).
   */
  record Column(String name, String nameZh, boolean required, String field) {}

  static final List<Column> COLUMNS =
      List.of(
          new Column("record_id", "记录编号", false, null),
          new Column("volunteer_id", "志愿者编号", true, "volunteerId"),
          new Column("volunteer_name", "姓名", false, null),
          new Column("service_category", "服务类别", true, "serviceCategory"),
          new Column("recipient_ref", "服务对象", true, "recipientRef"),
          new Column("started_at", "开始时间", true, "startedAt"),
          new Column("minutes", "分钟", true, "minutes"),
          new Column("recorded_by", "记录人", false, "evidence.recordedBy"));

  /** A row that cannot be sent, and why. */
  static final class BadRow extends Exception {
    BadRow(String message) {
      super(message);
    }
  }

  private final Map<String, String> headerToColumn = new HashMap<>();
  private final Map<String, String> categoryByName = new HashMap<>();
  private final Rulebook rulebook = Rulebooks.current();
  private final CsvText text;

  /**
   * @param header the file's header row
   * @param zone where local times without an offset were recorded
   * @throws BadRow when a required column is missing or a header is unknown
   */
  CsvLayout(List<String> header, ZoneId zone) throws BadRow {
    boolean chinese =
        header.stream().anyMatch(h -> COLUMNS.stream().anyMatch(c -> c.nameZh().equals(h.strip())));
    Map<String, String> columnToHeader = new HashMap<>();
    this.text = new CsvText(chinese, zone, columnToHeader);
    for (String h : header) {
      String name = h.strip();
      Optional<Column> column =
          COLUMNS.stream()
              .filter(c -> c.name().equalsIgnoreCase(name) || c.nameZh().equals(name))
              .findFirst();
      if (column.isEmpty()) {
        throw new BadRow(
            say(
                "unknown column \"" + name + "\"; the columns are " + names(),
                "未知的列 \"" + name + "\"; 可用的列: " + names()));
      }
      headerToColumn.put(h, column.get().name());
      columnToHeader.put(column.get().name(), name);
    }
    for (Column c : COLUMNS) {
      if (c.field() != null) {
        columnToHeader.put(c.field(), columnToHeader.getOrDefault(c.name(), c.name()));
      }
    }
    for (Column c : COLUMNS) {
      if (c.required() && !headerToColumn.containsValue(c.name())) {
        throw new BadRow(
            say(
                "the header lacks the required column "
                    + c.name()
                    + " ("
                    + c.nameZh()
                    + "); the columns are "
                    + names(),
                "缺少必需的列 " + c.nameZh() + " (" + c.name() + "); 可用的列: " + names()));
      }
    }
    for (ServiceCategory c : rulebook.categories()) {
      categoryByName.put(c.nameZh(), c.code());
      categoryByName.put(c.nameEn().toLowerCase(Locale.ROOT), c.code());
      categoryByName.put(c.code().toLowerCase(Locale.ROOT), c.code());
    }
  }

  CsvText text() {
    return text;
  }

  /**
   * @return the message in the language of the file's header: Chinese when it uses Chinese names
   */
  String say(String english, String chineseText) {
    return text.say(english, chineseText);
  }

  /**
   * @return the column as the file names it, for an API field or a column's English name
   */
  String columnOf(String apiField) {
    return text.columnOf(apiField);
  }

  static String names() {
    return COLUMNS.stream()
        .map(c -> c.name() + "/" + c.nameZh() + (c.required() ? "" : " (optional)"))
        .toList()
        .toString();
  }

  /**
   * @return the row's values by English column name
   */
  Map<String, String> values(CSVRecord row) {
    Map<String, String> out = new LinkedHashMap<>();
    row.toMap()
        .forEach(
            (header, value) -> {
              String column = headerToColumn.get(header);
              if (column != null && value != null && !value.isBlank()) {
                out.put(column, value.strip());
              }
            });
    return out;
  }

  /**
   * @return the row as the JSON body of a service record; the volunteer's name stays in the file,
   *     and a staff member's name becomes a reference ({@link #staffRef})
   * @throws BadRow naming the column and the rule when a value cannot be read
   */
  String toJson(Map<String, String> v) throws BadRow {
    for (Column c : COLUMNS) {
      if (c.required() && !v.containsKey(c.name())) {
        throw new BadRow(say(columnOf(c.name()) + " is empty", columnOf(c.name()) + " 为空"));
      }
    }
    String given = v.get("service_category");
    String category = categoryByName.get(given);
    if (category == null) {
      category = categoryByName.get(given.toLowerCase(Locale.ROOT));
    }
    if (category == null) {
      throw new BadRow(text.unknownCategory(columnOf("service_category"), given, rulebook));
    }
    int minutes;
    try {
      minutes = Integer.parseInt(v.get("minutes"));
    } catch (NumberFormatException e) {
      throw new BadRow(
          say(
              columnOf("minutes") + " must be a whole number, was \"" + v.get("minutes") + "\"",
              columnOf("minutes") + " 必须是整数, 实为 \"" + v.get("minutes") + "\""));
    }
    Instant started = text.instant("started_at", v.get("started_at"));
    StringBuilder json =
        new StringBuilder("{")
            .append("\"volunteerId\":")
            .append(quote(v.get("volunteer_id")))
            .append(",\"serviceCategory\":")
            .append(quote(category))
            .append(",\"recipientRef\":")
            .append(quote(v.get("recipient_ref")))
            .append(",\"startedAt\":")
            .append(quote(started.toString()))
            .append(",\"minutes\":")
            .append(minutes);
    if (v.containsKey("recorded_by")) {
      json.append(",\"evidence\":{\"method\":\"ORGANISER_RECORDED\",\"recordedBy\":")
          .append(quote(staffRef(v.get("recorded_by"))))
          .append("}");
    }
    return json.append("}").toString();
  }

  /**
   * @return the reference a recorder is known by: the value itself when it is already a reference
   *     ({@code [A-Za-z0-9][A-Za-z0-9._:-]*}), else {@code staff-} and 12 hex digits of the SHA-256
   *     of the name, so the same name always gives the same reference and the name never leaves the
   *     bank
   */
  static String staffRef(String name) {
    if (name.matches(FieldRules.PSEUDONYMOUS_REF)) {
      return name;
    }
    return "staff-"
        + HexFormat.of()
            .formatHex(Ed25519Keys.sha256(name.strip().getBytes(StandardCharsets.UTF_8)))
            .substring(0, 12);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (ch < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
