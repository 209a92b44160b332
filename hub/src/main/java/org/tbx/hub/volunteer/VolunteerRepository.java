package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.v1.AccountType;

/** Volunteers' enrollment, home bank, certifications and insurance, as the banks reported them. */
@ApplicationScoped
public class VolunteerRepository {

  /**
   * What the rules need of a volunteer.
   *
   * @param enrolled false when no bank has enrolled the volunteer
   * @param homeNodeId the home bank, null when not enrolled
   * @param creditsPosted everything ever credited to the volunteer's account
   */
  public record Facts(
      String volunteerId,
      boolean enrolled,
      String homeNodeId,
      LocalDate birthDate,
      AccountType accountType,
      long creditsPosted) {}

  private final Jdbc jdbc;
  private final LedgerRepository ledger;

  VolunteerRepository(DataSource dataSource, LedgerRepository ledger) {
    this.jdbc = new Jdbc(dataSource);
    this.ledger = ledger;
  }

  /**
   * @return the facts of each volunteer, read in one query; one per id, also for volunteers never
   *     seen
   */
  public List<Facts> facts(Collection<String> volunteerIds) {
    return jdbc.list(
        "select ids.v, vol.home_node_id, vol.birth_date, vol.account_type, coalesce(a.credits_posted, 0) "
            + "from unnest(?::text[]) as ids(v) left join volunteer vol on vol.volunteer_id = ids.v "
            + "left join account a on a.id = 'volunteer:' || ids.v",
        rs -> {
          String home = rs.getString(2);
          return new Facts(
              rs.getString(1),
              home != null,
              home,
              Jdbc.date(rs, "birth_date"),
              rs.getString(4) == null ? null : AccountType.valueOf(rs.getString(4)),
              rs.getLong(5));
        },
        (Object) volunteerIds.stream().distinct().toArray(String[]::new));
  }

  /**
   * @return the facts of one volunteer
   */
  public Facts facts(String volunteerId) {
    return facts(List.of(volunteerId)).get(0);
  }

  /**
   * @return the volunteer's home bank, if enrolled
   */
  public Optional<String> homeOf(String volunteerId) {
    return jdbc.first(
        "select home_node_id from volunteer where volunteer_id = ?",
        rs -> rs.getString(1),
        volunteerId);
  }

  /**
   * @return whether the bank serves the volunteer: it is their home bank, or its events moved their
   *     minutes
   */
  public boolean servedBy(String volunteerId, String nodeId) {
    return homeOf(volunteerId).filter(nodeId::equals).isPresent()
        || ledger.touchedBy(Account.volunteer(volunteerId), nodeId);
  }

  /**
   * @return whether the volunteer holds the certification, unrevoked and valid on the day
   */
  public boolean certified(String volunteerId, String certification, LocalDate day) {
    return jdbc.exists(
        "select 1 from volunteer_certification where volunteer_id = ? and certification = ? and not revoked "
            + "and (valid_until is null or valid_until >= ?)",
        volunteerId,
        certification,
        day);
  }

  /**
   * @return whether an insurance policy of the volunteer covers the day
   */
  public boolean insured(String volunteerId, LocalDate day) {
    return jdbc.exists(
        "select 1 from volunteer_insurance where volunteer_id = ? and valid_from <= ? and valid_until >= ?",
        volunteerId,
        day,
        day);
  }

  void enroll(
      String volunteerId, String nodeId, LocalDate birthDate, AccountType type, String guardian) {
    jdbc.update(
        "insert into volunteer (volunteer_id, home_node_id, birth_date, account_type, guardian_volunteer_id) "
            + "values (?, ?, ?, ?, ?)",
        volunteerId,
        nodeId,
        birthDate,
        type.name(),
        guardian);
  }

  void moveHome(String volunteerId, String toNodeId) {
    jdbc.update(
        "update volunteer set home_node_id = ?, updated_at = now() where volunteer_id = ?",
        toNodeId,
        volunteerId);
  }

  void grant(String volunteerId, String certification, String issuer, LocalDate validUntil) {
    jdbc.update(
        "insert into volunteer_certification (volunteer_id, certification, issuer, valid_until) values (?, ?, ?, ?) "
            + "on conflict (volunteer_id, certification) do update set issuer = excluded.issuer, "
            + "valid_until = excluded.valid_until, revoked = false",
        volunteerId,
        certification,
        issuer,
        validUntil);
  }

  /**
   * @return false when the volunteer holds no such certification
   */
  boolean revoke(String volunteerId, String certification) {
    return jdbc.update(
            "update volunteer_certification set revoked = true where volunteer_id = ? and certification = ?",
            volunteerId,
            certification)
        > 0;
  }

  void insure(
      String volunteerId, String policyRef, String insurer, LocalDate from, LocalDate until) {
    jdbc.update(
        "insert into volunteer_insurance (volunteer_id, policy_ref, insurer, valid_from, valid_until) "
            + "values (?, ?, ?, ?, ?) on conflict (volunteer_id, policy_ref) do update set insurer = excluded.insurer, "
            + "valid_from = excluded.valid_from, valid_until = excluded.valid_until",
        volunteerId,
        policyRef,
        insurer,
        from,
        until);
  }
}
