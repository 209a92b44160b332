package org.tbx.hub.training;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.kit.api.BankReports;
import org.tbx.kit.api.Written;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.ServiceCategory;

/**
 * Training and assessment (PROTOCOL.md section 15): a bank registers a course for one service
 * category; the same bank records its assessments of volunteers it enrolled, and a pass grants (or
 * renews) the certification the rulebook requires for that category until the end of the course's
 * validity. Both are idempotent by the bank's own ids.
 */
@ApplicationScoped
public class TrainingService {

  private final TrainingRepository training;
  private final VolunteerRepository volunteers;
  private final HubConfig config;
  private final Clock clock;

  TrainingService(
      TrainingRepository training, VolunteerRepository volunteers, HubConfig config, Clock clock) {
    this.training = training;
    this.volunteers = volunteers;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Registers a course given by the calling bank; what a pass grants comes from the newest
   * rulebook's catalogue.
   *
   * @throws ApiException 400 UNKNOWN_CATEGORY, 409 COURSE_ID_REUSED when the id names another
   *     course
   */
  @Transactional
  public Written<TrainingRepository.Course> register(
      String courseId,
      String node,
      String nameZh,
      String nameEn,
      String category,
      int trainingHours,
      int validityMonths) {
    Rulebook rules = Rulebooks.current();
    ServiceCategory c =
        rules
            .category(category)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "category", "UNKNOWN_CATEGORY", rules.unknownCategory(category)));
    TrainingRepository.Course course =
        new TrainingRepository.Course(
            courseId,
            node,
            nameZh,
            nameEn,
            category,
            c.requiredCertification(),
            trainingHours,
            validityMonths,
            null);
    if (training.register(course)) {
      return new Written<>(true, training.course(courseId).orElseThrow());
    }
    TrainingRepository.Course first = training.course(courseId).orElseThrow();
    if (!first.sameAs(course)) {
      throw ApiException.conflict(
          "COURSE_ID_REUSED",
          "course "
              + courseId
              + " was registered before by "
              + first.providerNodeId()
              + " as "
              + first.nameEn()
              + " ("
              + first.category()
              + ", "
              + first.trainingHours()
              + " hours, valid "
              + first.validityMonths()
              + " months); a changed course needs a new id");
    }
    return new Written<>(false, first);
  }

  /**
   * Records an assessment on a course by the bank that gives it, of a volunteer it enrolled; a pass
   * grants the course's certification, in the same transaction.
   *
   * @throws ApiException 404 UNKNOWN_COURSE, 403 when another bank gives the course or the bank did
   *     not enroll the volunteer, 400 when completedAt lies in the future, 409 ASSESSMENT_ID_REUSED
   */
  @Transactional
  public Written<TrainingRepository.Assessment> assess(
      String courseId, String node, BankReports.Assessment r) {
    TrainingRepository.Course course =
        training
            .course(courseId)
            .orElseThrow(
                () ->
                    ApiException.of(
                        404,
                        "UNKNOWN_COURSE",
                        "there is no course "
                            + courseId
                            + "; the bank that gives it registers it first (POST /api/v1/courses)"));
    if (!course.providerNodeId().equals(node)) {
      throw ApiException.forbidden(
          "course " + courseId + " is given by " + course.providerNodeId() + ", who assesses it");
    }
    if (volunteers.enrollment(r.volunteerId(), node).isEmpty()) {
      throw ApiException.of(
          403,
          "NOT_ENROLLED_AT_BANK",
          "bank "
              + node
              + " did not enroll volunteer "
              + r.volunteerId()
              + ", so it cannot assess them");
    }
    Instant completed = r.completedAt().truncatedTo(ChronoUnit.MICROS);
    if (completed.isAfter(clock.instant().plus(config.clockSkew()))) {
      throw ApiException.invalid(
          "completedAt",
          "INVALID_FIELD",
          "an assessment completed at " + completed + " has not happened yet");
    }
    LocalDate validUntil =
        r.passed() && course.certification() != null
            ? LocalDate.ofInstant(completed, DepositRules.CHINA)
                .plusMonths(course.validityMonths())
                .minusDays(1)
            : null;
    TrainingRepository.Assessment assessment =
        new TrainingRepository.Assessment(
            r.assessmentId(),
            courseId,
            r.volunteerId(),
            node,
            completed,
            r.passed(),
            r.score(),
            validUntil,
            null);
    if (!training.record(assessment)) {
      TrainingRepository.Assessment first = training.assessment(r.assessmentId()).orElseThrow();
      if (!first.sameAs(assessment)) {
        throw ApiException.conflict(
            "ASSESSMENT_ID_REUSED",
            "assessment "
                + r.assessmentId()
                + " was recorded before for volunteer "
                + first.volunteerId()
                + " on course "
                + first.courseId()
                + "; another assessment needs a new id");
      }
      return new Written<>(false, first);
    }
    if (validUntil != null) {
      volunteers.grant(r.volunteerId(), course.certification(), node, validUntil);
    }
    return new Written<>(true, training.assessment(r.assessmentId()).orElseThrow());
  }
}
