package org.tbx.hub.web;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.hub.training.TrainingRepository;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.rules.Rulebooks;

/**
 * What a volunteer is qualified for, as their page shows it: each certification with whether it
 * expired or expires within the warning time, and the trainings and assessments at every bank.
 */
@ApplicationScoped
class Qualifications {

  /**
   * @param state what the volunteer should know: expired, expiring, withdrawn; null when valid
   */
  @TemplateData
  public record CertificationLine(String name, String issuer, String validUntil, String state) {}

  @TemplateData
  public record TrainingLine(
      String course,
      String category,
      String provider,
      String completed,
      String result,
      String granted) {}

  private final VolunteerRepository volunteers;
  private final TrainingRepository training;
  private final HubConfig config;
  private final Clock clock;

  Qualifications(
      VolunteerRepository volunteers, TrainingRepository training, HubConfig config, Clock clock) {
    this.volunteers = volunteers;
    this.training = training;
    this.config = config;
    this.clock = clock;
  }

  List<CertificationLine> certifications(String volunteerId, Words w) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), DepositRules.CHINA);
    LocalDate warnFrom = today.plusDays(config.certificationWarning().toDays());
    return volunteers.certifications(volunteerId).stream()
        .map(
            c -> {
              String state = null;
              if (c.revoked()) {
                state = w.get("key_retired");
              } else if (c.validUntil() != null && c.validUntil().isBefore(today)) {
                state = w.get("cert_expired");
              } else if (c.validUntil() != null && !c.validUntil().isAfter(warnFrom)) {
                state = w.get("cert_expiring");
              }
              return new CertificationLine(
                  c.certification(),
                  c.issuer(),
                  c.validUntil() == null ? null : c.validUntil().toString(),
                  state);
            })
        .toList();
  }

  List<TrainingLine> trainings(String volunteerId, Words w) {
    return training.trainings(volunteerId).stream()
        .map(
            t ->
                new TrainingLine(
                    w.chinese() ? t.nameZh() : t.nameEn(),
                    Rulebooks.current()
                        .category(t.category())
                        .map(c -> w.chinese() ? c.nameZh() : c.nameEn())
                        .orElse(t.category()),
                    t.providerNodeId(),
                    w.time(t.completedAt()),
                    w.get(t.passed() ? "training_passed" : "training_failed")
                        + (t.score() == null ? "" : " · " + t.score() + "/100"),
                    t.certification() == null
                        ? ""
                        : t.certification()
                            + " · "
                            + w.get("col_valid_until")
                            + " "
                            + t.validUntil()))
        .toList();
  }
}
