package org.tbx.node.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.ServiceCategory;

/**
 * The documented column layouts of the CSV files a bank sends the hub's reports from (no-shows,
 * assessments, courses, benefits: PROTOCOL.md section 15), in English or Chinese headers, and how
 * one row becomes a request to the adapter's pass-through. A row without its own id gets one
 * derived from its content, so importing the same file again adds nothing.
 */
final class ReportLayout {

  /** How a cell is read. */
  enum Type {
    TEXT,
    INT,
    TIME,
    BOOL,
    CATEGORY,
    /** A UUID; when empty, derived from the row's other cells. */
    ID
  }

  /**
   * A column.
   *
   * @param field the request's field, or null for a cell that goes into the path or is never sent
   * @param aliases Chinese (or other) words a clerk writes for a code, e.g. 爽约 for NO_SHOW
   */
  record Column(
      String name,
      String nameZh,
      boolean required,
      Type type,
      String field,
      Map<String, String> aliases) {

    Column(String name, String nameZh, boolean required, Type type, String field) {
      this(name, nameZh, required, type, field, Map.of());
    }
  }

  /**
   * A kind of report file.
   *
   * @param path the adapter's endpoint; {@code {column}} is replaced by that column's value
   */
  record Kind(String name, String path, List<Column> columns) {}

  private static final Column VOLUNTEER_NAME =
      new Column("volunteer_name", "姓名", false, Type.TEXT, null);

  static final List<Kind> KINDS =
      List.of(
          new Kind(
              "absences",
              "/api/v1/volunteers/{volunteer_id}/absences",
              List.of(
                  new Column("absence_id", "爽约编号", false, Type.ID, "absenceId"),
                  new Column("volunteer_id", "志愿者编号", true, Type.TEXT, null),
                  VOLUNTEER_NAME,
                  new Column(
                      "kind",
                      "类型",
                      true,
                      Type.TEXT,
                      "kind",
                      Map.of("爽约", "NO_SHOW", "未到", "NO_SHOW", "临时取消", "LATE_CANCELLATION")),
                  new Column("due_at", "预约时间", true, Type.TIME, "dueAt"),
                  new Column("note", "备注", false, Type.TEXT, "note"))),
          new Kind(
              "assessments",
              "/api/v1/courses/{course_id}/assessments",
              List.of(
                  new Column("assessment_id", "考核编号", false, Type.ID, "assessmentId"),
                  new Column("course_id", "课程编号", true, Type.TEXT, null),
                  new Column("volunteer_id", "志愿者编号", true, Type.TEXT, "volunteerId"),
                  VOLUNTEER_NAME,
                  new Column("completed_at", "完成时间", true, Type.TIME, "completedAt"),
                  new Column("passed", "是否通过", true, Type.BOOL, "passed"),
                  new Column("score", "成绩", false, Type.INT, "score"))),
          new Kind(
              "courses",
              "/api/v1/courses",
              List.of(
                  new Column("course_id", "课程编号", true, Type.TEXT, "courseId"),
                  new Column("name_zh", "中文名称", true, Type.TEXT, "nameZh"),
                  new Column("name_en", "英文名称", true, Type.TEXT, "nameEn"),
                  new Column("category", "服务类别", true, Type.CATEGORY, "category"),
                  new Column("training_hours", "培训学时", true, Type.INT, "trainingHours"),
                  new Column("validity_months", "有效月数", true, Type.INT, "validityMonths"))),
          new Kind(
              "benefits",
              "/api/v1/benefits",
              List.of(
                  new Column("benefit_id", "福利编号", true, Type.TEXT, "benefitId"),
                  new Column("name_zh", "中文名称", true, Type.TEXT, "nameZh"),
                  new Column("name_en", "英文名称", true, Type.TEXT, "nameEn"),
                  new Column(
                      "kind",
                      "类型",
                      true,
                      Type.TEXT,
                      "kind",
                      Map.of(
                          "优先服务", "SERVICE_PRIORITY",
                          "物品", "GOODS",
                          "养老机构优先入住", "CARE_HOME_PRIORITY",
                          "现金", "CASH")),
                  new Column("minutes", "分钟", true, Type.INT, "minutes"))));

  /**
   * A row as a request.
   *
   * @param path the adapter's endpoint for this row
   */
  record Request(String path, String json) {}

  private final Kind kind;
  private final CsvText text;
  private final Map<String, Column> byHeader = new HashMap<>();
  private final Map<String, String> categoryByName = new HashMap<>();
  private final Rulebook rulebook = Rulebooks.current();

  /**
   * @throws CsvLayout.BadRow when a required column is missing or a header is unknown
   */
  ReportLayout(Kind kind, List<String> header, ZoneId zone) throws CsvLayout.BadRow {
    this.kind = kind;
    boolean chinese =
        header.stream()
            .anyMatch(h -> kind.columns().stream().anyMatch(c -> c.nameZh().equals(h.strip())));
    Map<String, String> columnToHeader = new HashMap<>();
    this.text = new CsvText(chinese, zone, columnToHeader);
    for (String h : header) {
      String name = h.strip();
      Column column =
          kind.columns().stream()
              .filter(c -> c.name().equalsIgnoreCase(name) || c.nameZh().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CsvLayout.BadRow(
                          text.say(
                              "unknown column \"" + name + "\"; the columns are " + names(kind),
                              "未知的列 \"" + name + "\"; 可用的列: " + names(kind))));
      byHeader.put(h, column);
      columnToHeader.put(column.name(), name);
      if (column.field() != null) {
        columnToHeader.put(column.field(), name);
      }
    }
    for (Column c : kind.columns()) {
      if (c.required() && !byHeader.containsValue(c)) {
        throw new CsvLayout.BadRow(
            text.say(
                "the header lacks the required column "
                    + c.name()
                    + " ("
                    + c.nameZh()
                    + "); the columns are "
                    + names(kind),
                "缺少必需的列 " + c.nameZh() + " (" + c.name() + "); 可用的列: " + names(kind)));
      }
    }
    for (ServiceCategory c : rulebook.categories()) {
      categoryByName.put(c.nameZh(), c.code());
      categoryByName.put(c.nameEn().toLowerCase(Locale.ROOT), c.code());
      categoryByName.put(c.code().toLowerCase(Locale.ROOT), c.code());
    }
  }

  /**
   * @return the kind of that name, if there is one
   */
  static Optional<Kind> kind(String name) {
    return KINDS.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  static String names(Kind kind) {
    return kind.columns().stream()
        .map(c -> c.name() + "/" + c.nameZh() + (c.required() ? "" : " (optional)"))
        .toList()
        .toString();
  }

  CsvText text() {
    return text;
  }

  /**
   * @return the row's request: its path and JSON body; a name stays in the file
   * @throws CsvLayout.BadRow naming the column and the rule when a value cannot be read
   */
  Request request(CSVRecord row) throws CsvLayout.BadRow {
    Map<Column, String> values = new LinkedHashMap<>();
    row.toMap()
        .forEach(
            (header, value) -> {
              Column column = byHeader.get(header);
              if (column != null && value != null && !value.isBlank()) {
                values.put(column, value.strip());
              }
            });
    StringBuilder json = new StringBuilder("{");
    String path = kind.path();
    StringBuilder content = new StringBuilder(kind.name());
    for (Column c : kind.columns()) {
      String value = values.get(c);
      if (value == null) {
        if (c.required()) {
          throw new CsvLayout.BadRow(
              text.say(text.columnOf(c.name()) + " is empty", text.columnOf(c.name()) + " 为空"));
        }
        continue;
      }
      String literal = literal(c, value);
      if (c.type() != Type.ID && c.field() != null) {
        content.append('\u001f').append(c.name()).append('=').append(literal);
      }
      if (c.field() == null) {
        path =
            path.replace(
                "{" + c.name() + "}",
                URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        content.append('\u001f').append(c.name()).append('=').append(value);
      } else {
        json.append(json.length() > 1 ? "," : "")
            .append(CsvLayout.quote(c.field()))
            .append(':')
            .append(literal);
      }
    }
    for (Column c : kind.columns()) {
      if (c.type() == Type.ID && !values.containsKey(c)) {
        String derived =
            UUID.nameUUIDFromBytes(content.toString().getBytes(StandardCharsets.UTF_8)).toString();
        json.append(json.length() > 1 ? "," : "")
            .append(CsvLayout.quote(c.field()))
            .append(':')
            .append(CsvLayout.quote(derived));
      }
    }
    return new Request(path, json.append('}').toString());
  }

  /** A cell as a JSON value. */
  private String literal(Column c, String value) throws CsvLayout.BadRow {
    String column = text.columnOf(c.name());
    return switch (c.type()) {
      case TEXT -> CsvLayout.quote(c.aliases().getOrDefault(value, value));
      case ID -> CsvLayout.quote(value);
      case TIME -> CsvLayout.quote(text.instant(c.name(), value).toString());
      case INT -> {
        try {
          yield Long.toString(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw new CsvLayout.BadRow(
              text.say(
                  column + " must be a whole number, was \"" + value + "\"",
                  column + " 必须是整数, 实为 \"" + value + "\""));
        }
      }
      case BOOL -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (List.of("true", "yes", "y", "1", "是", "通过", "合格").contains(v)) {
          yield "true";
        }
        if (List.of("false", "no", "n", "0", "否", "未通过", "不合格").contains(v)) {
          yield "false";
        }
        throw new CsvLayout.BadRow(
            text.say(
                column + " must be yes or no (true/false, 是/否), was \"" + value + "\"",
                column + " 应为 是 或 否 (通过/未通过), 实为 \"" + value + "\""));
      }
      case CATEGORY -> {
        String code = categoryByName.get(value);
        if (code == null) {
          code = categoryByName.get(value.toLowerCase(Locale.ROOT));
        }
        if (code == null) {
          throw new CsvLayout.BadRow(text.unknownCategory(column, value, rulebook));
        }
        yield CsvLayout.quote(code);
      }
    };
  }
}
