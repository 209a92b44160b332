package org.tbx.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** How a report file's rows become requests to the adapter, in either language. */
class ReportLayoutTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Test
  void aNoShowWithChineseHeadersGoesToTheVolunteersPathWithAnIdDerivedFromItsContent()
      throws Exception {
    List<ReportLayout.Request> requests =
        requests(
            "absences",
            "志愿者编号,姓名,类型,预约时间,备注\n"
                + "v-1,王小明,爽约,2026-11-28 09:30,没来\n"
                + "v-1,王小明,爽约,2026-11-28 09:30,没来\n"
                + "v-1,王晓明,临时取消,2026-11-29 09:30,\n");
    ReportLayout.Request first = requests.get(0);
    assertEquals("/api/v1/volunteers/v-1/absences", first.path());
    assertTrue(
        first
            .json()
            .startsWith(
                "{\"kind\":\"NO_SHOW\",\"dueAt\":\"2026-11-28T01:30:00Z\",\"note\":\"没来\","
                    + "\"absenceId\":\""),
        first.json());
    assertEquals(first, requests.get(1), "the same row, the same id: a second run adds nothing");
    assertNotEquals(id(first), id(requests.get(2)));
    assertTrue(requests.get(2).json().contains("\"kind\":\"LATE_CANCELLATION\""));
    assertTrue(!first.json().contains("王"), "the name stays in the file");
  }

  @Test
  void anAssessmentKeepsItsOwnIdAndReadsYesAndNoInEitherLanguage() throws Exception {
    List<ReportLayout.Request> requests =
        requests(
            "assessments",
            "assessment_id,course_id,volunteer_id,completed_at,passed,score\n"
                + "3f0b9c1e-8a57-4d7e-9a43-6a1f0cbd2e11,first aid/2026,v-2,2026-11-20T10:00:00+08:00,是,88\n");
    assertEquals("/api/v1/courses/first%20aid%2F2026/assessments", requests.get(0).path());
    assertEquals(
        "{\"assessmentId\":\"3f0b9c1e-8a57-4d7e-9a43-6a1f0cbd2e11\",\"volunteerId\":\"v-2\","
            + "\"completedAt\":\"2026-11-20T02:00:00Z\",\"passed\":true,\"score\":88}",
        requests.get(0).json());
  }

  @Test
  void aCourseNamesItsCategoryByCodeOrChineseName() throws Exception {
    assertEquals(
        "{\"courseId\":\"bath-1\",\"nameZh\":\"助浴培训\",\"nameEn\":\"Bathing\","
            + "\"category\":\"BATHING_ASSIST\",\"trainingHours\":8,\"validityMonths\":24}",
        requests("courses", "课程编号,中文名称,英文名称,服务类别,培训学时,有效月数\nbath-1,助浴培训,Bathing,助浴,8,24\n")
            .get(0)
            .json());
  }

  @Test
  void aBadCellIsRefusedNamingItsColumnAsTheFileNamesIt() {
    assertEquals(
        "是否通过 应为 是 或 否 (通过/未通过), 实为 \"也许\"",
        refused("assessments", "课程编号,志愿者编号,完成时间,是否通过\nc-1,v-1,2026-11-20 10:00,也许\n"));
    assertEquals(
        "minutes must be a whole number, was \"one hour\"",
        refused(
            "benefits", "benefit_id,name_zh,name_en,kind,minutes\nb-1,米,Rice,GOODS,one hour\n"));
    assertEquals("预约时间 为空", refused("absences", "志愿者编号,类型,预约时间\nv-1,爽约,\n"));
    assertTrue(
        refused(
                "courses",
                "course_id,name_zh,name_en,category,training_hours,validity_months\n"
                    + "c,课,Course,skydiving,8,12\n")
            .startsWith("category \"skydiving\" is not in rulebook"));
  }

  @Test
  void aHeaderWithoutARequiredColumnOrWithAnUnknownOneIsRefused() {
    ReportLayout.Kind absences = ReportLayout.kind("absences").orElseThrow();
    assertTrue(
        assertThrows(
                CsvLayout.BadRow.class,
                () -> new ReportLayout(absences, List.of("志愿者编号", "类型"), CHINA))
            .getMessage()
            .startsWith("缺少必需的列 预约时间 (due_at)"));
    assertTrue(
        assertThrows(
                CsvLayout.BadRow.class,
                () ->
                    new ReportLayout(
                        absences, List.of("volunteer_id", "kind", "due_at", "id_card"), CHINA))
            .getMessage()
            .startsWith("unknown column \"id_card\""));
  }

  private static String id(ReportLayout.Request r) {
    return r.json().replaceAll(".*\"absenceId\":\"([^\"]+)\".*", "$1");
  }

  private static String refused(String kind, String csv) {
    return assertThrows(CsvLayout.BadRow.class, () -> requests(kind, csv)).getMessage();
  }

  private static List<ReportLayout.Request> requests(String kind, String csv)
      throws IOException, CsvLayout.BadRow {
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(csv))) {
      ReportLayout layout =
          new ReportLayout(ReportLayout.kind(kind).orElseThrow(), parser.getHeaderNames(), CHINA);
      List<ReportLayout.Request> out = new ArrayList<>();
      for (CSVRecord row : parser) {
        out.add(layout.request(row));
      }
      return out;
    }
  }
}
