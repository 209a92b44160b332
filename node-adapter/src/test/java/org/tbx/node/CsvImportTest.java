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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbx.infra.TbxTestResource;
import org.tbx.infra.TestAuth;
import org.tbx.infra.TestTokens;
import org.tbx.node.cli.ImportCommand;
import org.tbx.protocol.auth.Roles;
import picocli.CommandLine;

/**
 * The bulk import reads a 10,000-row spreadsheet export with Chinese names through the running
 * adapter: good rows become service records, every bad row is reported with its line and reason,
 * and a second run of the same file adds nothing.
 */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class CsvImportTest {

  @BeforeAll
  static void bankToken() {
    TestAuth.as(Roles.NODE, "adapter-test");
  }

  private static final int ROWS = 10_000;

  @Inject DataSource dataSource;

  @TestHTTPResource("/")
  URL adapter;

  @TempDir Path dir;

  @Test
  void importsTenThousandRowsReportsEachBadRowAndARerunAddsNothing() throws Exception {
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
        bad.put(line, "minutes must be a whole number");
      } else if (i % 997 == 6) {
        category = "跳伞";
        bad.put(line, "serviceCategory");
      } else if (i % 997 == 7) {
        started = "yesterday";
        bad.put(line, "started_at must be like");
      } else if (i % 997 == 8) {
        minutes = "2000";
        bad.put(line, "minutes");
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
              "organiser-7"));
    }
    Files.write(csv, lines, StandardCharsets.UTF_8);
    long before = count("service_record");

    Run first = run(csv);
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

    Run again = run(csv);
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
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(Path csv) {
    ImportCommand command = new ImportCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.setStreams(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    int code =
        new CommandLine(command)
            .execute(
                csv.toString(),
                "--adapter",
                adapter.toString(),
                "--token",
                TestTokens.token(Roles.NODE, "adapter-test"));
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
