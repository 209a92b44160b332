package org.tbx.hub.training;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.tbx.hub.config.HubConfig;
import org.tbx.hub.deposit.DepositRules;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.rules.ServiceCategory;

/**
 * Tells a volunteer and their home bank, once, that a certification is about to expire (the
 * configured time ahead), naming the categories that need it; a renewal (a new pass or grant) lets
 * the next expiry be told again. Instances share the work: each certification is taken by one.
 */
@ApplicationScoped
public class CertificationWarnings {

  private final VolunteerRepository volunteers;
  private final Notifications notifications;
  private final HubConfig config;
  private final Clock clock;
  private volatile boolean stopping;

  CertificationWarnings(
      VolunteerRepository volunteers, Notifications notifications, HubConfig config, Clock clock) {
    this.volunteers = volunteers;
    this.notifications = notifications;
    this.config = config;
    this.clock = clock;
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  @Scheduled(
      every = "${tbx.hub.certification-check}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void check() {
    if (stopping) {
      return;
    }
    try {
      int told = QuarkusTransaction.requiringNew().call(this::warnDue);
      if (told > 0) {
        Log.infof(
            "told %d volunteers and their home banks of certifications about to expire", told);
      }
    } catch (RuntimeException e) {
      if (!stopping) {
        Log.error("the certification expiry check failed; it retries on its next turn", e);
      }
    }
  }

  /**
   * Tells of every certification that expires from today to the warning horizon and was not told
   * yet; call in a transaction.
   *
   * @return how many were told
   */
  int warnDue() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), DepositRules.CHINA);
    LocalDate horizon = today.plusDays(config.certificationWarning().toDays());
    List<VolunteerRepository.Expiring> due = volunteers.expiringUntold(today, horizon);
    for (VolunteerRepository.Expiring c : due) {
      String categories =
          Rulebooks.current().categories().stream()
              .filter(k -> c.certification().equals(k.requiredCertification()))
              .map(ServiceCategory::code)
              .collect(Collectors.joining(", "));
      String detail =
          "certification "
              + c.certification()
              + " of volunteer "
              + c.volunteerId()
              + " expires on "
              + c.validUntil()
              + (categories.isEmpty() ? "" : "; " + categories + " need it")
              + ": a passed assessment renews it";
      String home = volunteers.homeOf(c.volunteerId()).orElse(null);
      notifications.tell(
          home,
          c.volunteerId(),
          Notifications.Kind.CERTIFICATION_EXPIRING,
          c.volunteerId(),
          detail);
      volunteers.markWarned(c.volunteerId(), c.certification());
    }
    return due.size();
  }
}
