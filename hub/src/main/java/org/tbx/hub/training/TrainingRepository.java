package org.tbx.hub.training;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * Courses the banks give and the assessments they recorded ({@code course}, {@code assessment}).
 */
@ApplicationScoped
public class TrainingRepository {

  /**
   * A course.
   *
   * @param courseId the provider bank's code for it
   * @param certification what a pass grants: the certification the rulebook requires for the
   *     category, or null when the category needs none
   * @param validityMonths how long a pass's certification holds
   */
  public record Course(
      String courseId,
      String providerNodeId,
      String nameZh,
      String nameEn,
      String category,
      String certification,
      int trainingHours,
      int validityMonths,
      Instant createdAt) {

    /**
     * @return whether a registration sent again states the same course
     */
    public boolean sameAs(Course other) {
      return providerNodeId.equals(other.providerNodeId)
          && nameZh.equals(other.nameZh)
          && nameEn.equals(other.nameEn)
          && category.equals(other.category)
          && trainingHours == other.trainingHours
          && validityMonths == other.validityMonths;
    }
  }

  /**
   * An assessment of a volunteer on a course.
   *
   * @param assessmentId the provider bank's id for it: a retry with it is the same assessment
   * @param score 0 to 100, or null when the course gives none
   * @param validUntil the last day of the certification a pass granted, or null
   */
  public record Assessment(
      UUID assessmentId,
      String courseId,
      String volunteerId,
      String nodeId,
      Instant completedAt,
      boolean passed,
      Integer score,
      LocalDate validUntil,
      Instant recordedAt) {

    /**
     * @return whether a record sent again states the same assessment
     */
    public boolean sameAs(Assessment other) {
      return courseId.equals(other.courseId)
          && volunteerId.equals(other.volunteerId)
          && nodeId.equals(other.nodeId)
          && completedAt.equals(other.completedAt)
          && passed == other.passed
          && java.util.Objects.equals(score, other.score);
    }
  }

  /**
   * A volunteer's training: an assessment with its course's names and category.
   *
   * @param certification what the pass granted, or null
   */
  public record Training(
      UUID assessmentId,
      String courseId,
      String nameZh,
      String nameEn,
      String category,
      int trainingHours,
      String providerNodeId,
      Instant completedAt,
      boolean passed,
      Integer score,
      String certification,
      LocalDate validUntil) {}

  private static final String COURSE =
      "course_id, provider_node_id, name_zh, name_en, category, certification, training_hours, "
          + "validity_months, created_at";
  private static final String ASSESSMENT =
      "assessment_id, course_id, volunteer_id, node_id, completed_at, passed, score, valid_until, recorded_at";

  private final Jdbc jdbc;

  TrainingRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return false when a course with this id exists already
   */
  boolean register(Course c) {
    return jdbc.update(
            "insert into course (course_id, provider_node_id, name_zh, name_en, category, certification, "
                + "training_hours, validity_months) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            c.courseId(),
            c.providerNodeId(),
            c.nameZh(),
            c.nameEn(),
            c.category(),
            c.certification(),
            c.trainingHours(),
            c.validityMonths())
        == 1;
  }

  public Optional<Course> course(String courseId) {
    return jdbc.first(
        "select " + COURSE + " from course where course_id = ?",
        TrainingRepository::course,
        courseId);
  }

  /**
   * @return every course, by id
   */
  public List<Course> courses() {
    return jdbc.list(
        "select " + COURSE + " from course order by course_id", TrainingRepository::course);
  }

  /**
   * @return false when an assessment with this id exists already
   */
  boolean record(Assessment a) {
    return jdbc.update(
            "insert into assessment (assessment_id, course_id, volunteer_id, node_id, completed_at, passed, "
                + "score, valid_until) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            a.assessmentId(),
            a.courseId(),
            a.volunteerId(),
            a.nodeId(),
            a.completedAt(),
            a.passed(),
            a.score(),
            a.validUntil())
        == 1;
  }

  public Optional<Assessment> assessment(UUID assessmentId) {
    return jdbc.first(
        "select " + ASSESSMENT + " from assessment where assessment_id = ?",
        TrainingRepository::assessment,
        assessmentId);
  }

  /**
   * @return the volunteer's assessments with their courses, the latest first
   */
  public List<Training> trainings(String volunteerId) {
    return jdbc.list(
        "select a.assessment_id, c.course_id, c.name_zh, c.name_en, c.category, c.training_hours, "
            + "c.provider_node_id, a.completed_at, a.passed, a.score, "
            + "case when a.passed then c.certification end as certification, a.valid_until "
            + "from assessment a join course c using (course_id) where a.volunteer_id = ? "
            + "order by a.completed_at desc, a.assessment_id",
        rs ->
            new Training(
                (UUID) rs.getObject("assessment_id"),
                rs.getString("course_id"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getString("category"),
                rs.getInt("training_hours"),
                rs.getString("provider_node_id"),
                Jdbc.instant(rs, "completed_at"),
                rs.getBoolean("passed"),
                (Integer) rs.getObject("score"),
                rs.getString("certification"),
                Jdbc.date(rs, "valid_until")),
        volunteerId);
  }

  private static Course course(ResultSet rs) throws SQLException {
    return new Course(
        rs.getString("course_id"),
        rs.getString("provider_node_id"),
        rs.getString("name_zh"),
        rs.getString("name_en"),
        rs.getString("category"),
        rs.getString("certification"),
        rs.getInt("training_hours"),
        rs.getInt("validity_months"),
        Jdbc.instant(rs, "created_at"));
  }

  private static Assessment assessment(ResultSet rs) throws SQLException {
    return new Assessment(
        (UUID) rs.getObject("assessment_id"),
        rs.getString("course_id"),
        rs.getString("volunteer_id"),
        rs.getString("node_id"),
        Jdbc.instant(rs, "completed_at"),
        rs.getBoolean("passed"),
        (Integer) rs.getObject("score"),
        Jdbc.date(rs, "valid_until"),
        Jdbc.instant(rs, "recorded_at"));
  }
}
