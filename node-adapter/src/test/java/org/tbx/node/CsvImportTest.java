package org.tbx.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.node.cli.ImportCommand;
import org.tbx.protocol.auth.Roles;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.EventAccepted;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.ReasonCode;
import picocli.CommandLine;

/**
 * The bulk import reads a 10,000-row spreadsheet export with Chinese names through the running
 * adapter: good rows become service records, every bad row is reported with its line and reason,
 * and a second run of the same file adds nothing.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
@WithTestResource(BankSystemStub.class)
class CsvImportTest {

  @BeforeAll
  static void bankToken() {
    TestAuth.as(Roles.NODE, "adapter-test");
  }

  private static final int ROWS = 1_000;

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL adapter;

  @TempDir Path dir;

  @Test
  void importsAThousandRowsReportsEachBadRowAndARerunAddsNothing() throws Exception {
    Path csv = dir.resolve("服务记录.csv");
    Map<Integer, String> bad = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    lines.add("\uFEFF志愿者编号,姓名,服务类别,服务对象,开始时间,分钟,记录人");
    for (int i = 0; i < ROWS; i++) {
      int line = i + 2;
      String category = i % 2 == 0 ? "助餐" : "HOME_CLEANING";
      String minutes = Integer.toString(30 + i % 60);
      String started = String.format("2026-10-%02d %02d:%02d", 1 + i % 28, 8 + i % 10, i % 60);
      String volunteer = "csv-v" + (i % 500);
      if (i % 997 == 5) {
        minutes = "一小时";
        bad.put(line, "分钟 必须是整数");
      } else if (i % 997 == 6) {
        category = "跳伞";
        bad.put(
            line,
            "服务类别 \"\"跳伞\"\" 不在第 "
                + Rulebooks.current().version()
                + " 版规则中; 可用: [助餐 (MEAL_ASSIST)");
      } else if (i % 997 == 7) {
        started = "yesterday";
        bad.put(line, "开始时间 应形如");
      } else if (i % 997 == 8) {
        minutes = "2000";
        bad.put(line, "分钟: minutes must be less than or equal to 1440");
      }
      lines.add(
          String.join(
              ",",
              volunteer,
              "\"王, 小明 " + i + "\"",
              category,
              "elder-" + (i % 300),
              started,
              minutes,
              i % 3 == 0 ? "王老师" : "organiser-7"));
    }
    Files.write(csv, lines, StandardCharsets.UTF_8);
    long before = count("service_record");

    Run first = run(csv, "--no-wait");
    assertEquals(1, first.exitCode, first.out);
    assertTrue(
        first.out.contains(
            ROWS
                + " rows, "
                + (ROWS - bad.size())
                + " imported, 0 already imported, "
                + bad.size()
                + " rejected, 0 not sent"),
        first.out);
    assertTrue(
        first.err.contains("100% " + ROWS + "/" + ROWS + " rows"),
        "a progress bar with counts: " + first.err);
    assertEquals(before + ROWS - bad.size(), count("service_record"));

    List<String> report =
        Files.readAllLines(dir.resolve("服务记录.csv.rejected.csv"), StandardCharsets.UTF_8);
    assertEquals("line,reason,志愿者编号,姓名,服务类别,服务对象,开始时间,分钟,记录人", report.get(0));
    assertEquals(bad.size(), report.size() - 1, String.join("\n", report));
    int r = 1;
    for (Map.Entry<Integer, String> expected : bad.entrySet()) {
      String row = report.get(r++);
      assertTrue(
          row.startsWith(expected.getKey() + ","),
          "line number " + expected.getKey() + " in: " + row);
      assertTrue(
          row.contains(expected.getValue()), "reason " + expected.getValue() + " in: " + row);
      assertTrue(row.contains("王, 小明"), "the original row, in UTF-8: " + row);
    }

    Run again = run(csv, "--no-wait");
    assertEquals(1, again.exitCode, again.out);
    assertTrue(
        again.out.contains(
            "0 imported, "
                + (ROWS - bad.size())
                + " already imported, "
                + bad.size()
                + " rejected"),
        again.out);
    assertEquals(before + ROWS - bad.size(), count("service_record"), "a rerun adds nothing");
  }

  @Test
  void aFileWithoutARequiredColumnIsRefusedBeforeAnythingIsSent() throws Exception {
    Path csv = dir.resolve("short.csv");
    Files.writeString(csv, "volunteer_id,minutes\nv-1,30\n");
    Run run = run(csv);
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("required column service_category"), run.err);
    Path tooMany = dir.resolve("too-many.csv");
    Files.writeString(
        tooMany,
        "volunteer_id,service_category,recipient_ref,started_at,minutes\n"
            + "v-1,MEAL_ASSIST,elder-1,2026-10-01 09:00,30,extra\n");
    Run wide = run(tooMany, "--no-wait");
    assertEquals(1, wide.exitCode, wide.err);
  }

  @Test
  void filesThatCannotBeReadAreRefusedWithTheReasonAndNothingIsSent() throws Exception {
    long before = count("service_record");
    Path gbk = dir.resolve("gbk.csv");
    Files.write(
        gbk,
        ("志愿者编号,服务类别,服务对象,开始时间,分钟\nv-1,助餐,elder-1,2026-10-01 09:00,30\n")
            .getBytes(Charset.forName("GB18030")));
    Run run = run(gbk);
    assertEquals(2, run.exitCode);
    assertTrue(run.err.contains("--encoding GB18030"), run.err);
    Run converted = run(gbk, "--encoding", "GB18030", "--no-wait");
    assertEquals(0, converted.exitCode, converted.err + converted.out);

    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertTrue(run(empty).err.contains("is empty"));
    Path headersOnly = dir.resolve("headers.csv");
    Files.writeString(headersOnly, "志愿者编号,服务类别,服务对象,开始时间,分钟\n");
    Run onlyHeaders = run(headersOnly);
    assertEquals(2, onlyHeaders.exitCode);
    assertTrue(onlyHeaders.err.contains("只有列名"), onlyHeaders.err);
    assertEquals(before + 1, count("service_record"), "only the converted file's row went in");
  }

  @Test
  void waitsForTheHubAndReportsTheRowsItRejectedWithItsReason() throws Exception {
    Path csv = dir.resolve("待审.csv");
    Files.writeString(
        csv,
        "志愿者编号,服务类别,服务对象,开始时间,分钟,记录人\n"
            + "v-wait-1,助餐,elder-1,2026-10-02 09:00,30,王老师\n"
            + "v-wait-2,助餐,elder-2,2026-10-02 10:00,45,王老师\n",
        StandardCharsets.UTF_8);
    CompletableFuture<Run> running =
        CompletableFuture.supplyAsync(() -> run(csv, "--wait-timeout", "PT60S"));
    TestHub hub = new TestHub("adapter-test");
    String[] events = new String[2];
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              events[0] = eventOf("v-wait-1");
              events[1] = eventOf("v-wait-2");
              return events[0] != null && events[1] != null;
            });
    hub.answer(
        new EventAccepted(events[0], 1L, null),
        new EventRejected(
            events[1], 2L, 0L, ReasonCode.CERTIFICATION_REQUIRED, "volunteer holds no CARE_BASIC"));
    Run run = running.get(90, TimeUnit.SECONDS);
    assertEquals(1, run.exitCode, run.out + run.err);
    assertTrue(run.out.contains("the hub accepted 1 rows, rejected 1"), run.out);
    List<String> report =
        Files.readAllLines(dir.resolve("待审.csv.rejected.csv"), StandardCharsets.UTF_8);
    assertEquals(2, report.size(), String.join("\n", report));
    assertTrue(report.get(1).startsWith("3,"), report.get(1));
    assertTrue(report.get(1).contains("被中心拒绝: CERTIFICATION_REQUIRED"), report.get(1));
    String recordedBy = recordedByOf("v-wait-1");
    assertTrue(
        recordedBy.matches("staff-[0-9a-f]{12}"),
        "a staff name becomes a reference: " + recordedBy);
  }

  private String eventOf(String volunteer) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select e.event_id from outbox_event e join service_record r on r.id = e.aggregate_id"
                    + " where r.volunteer_id = '"
                    + volunteer
                    + "' and e.sequence is not null")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private String recordedByOf(String volunteer) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select recorded_by from service_record where volunteer_id = '"
                    + volunteer
                    + "'")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(Path csv, String... options) {
    ImportCommand command = new ImportCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.setStreams(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> args =
        new ArrayList<>(
            List.of(
                csv.toString(),
                "--adapter",
                adapter.toString(),
                "--token",
                TestTokens.token(Roles.NODE, "adapter-test")));
    args.addAll(List.of(options));
    int code = new CommandLine(command).execute(args.toArray(String[]::new));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private long count(String table) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
