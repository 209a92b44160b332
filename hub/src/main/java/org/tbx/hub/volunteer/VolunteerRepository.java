package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.DailyTotals;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.IdentityVerification;

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
   * @return whether the bank serves the volunteer or enrolled them (home or visit): it may read
   *     what their standing is computed from
   */
  public boolean knownTo(String volunteerId, String nodeId) {
    return servedBy(volunteerId, nodeId) || enrollment(volunteerId, nodeId).isPresent();
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

  /** How a bank enrolled a volunteer. */
  public enum Role {
    HOME,
    VISIT
  }

  void enroll(
      String volunteerId,
      String nodeId,
      LocalDate birthDate,
      AccountType type,
      String guardian,
      IdentityVerification verification,
      UUID eventId) {
    jdbc.update(
        "insert into volunteer (volunteer_id, home_node_id, birth_date, account_type, guardian_volunteer_id) "
            + "values (?, ?, ?, ?, ?)",
        volunteerId,
        nodeId,
        birthDate,
        type.name(),
        guardian);
    enrollAs(volunteerId, nodeId, Role.HOME, verification, eventId);
  }

  /** Records (or records again) that a bank verified the volunteer, in a role. */
  void enrollAs(
      String volunteerId,
      String nodeId,
      Role role,
      IdentityVerification verification,
      UUID eventId) {
    jdbc.update(
        "insert into volunteer_enrollment (volunteer_id, node_id, role, verification_method, verified_by, event_id) "
            + "values (?, ?, ?, ?, ?, ?) on conflict (volunteer_id, node_id) do update set role = excluded.role, "
            + "verification_method = excluded.verification_method, verified_by = excluded.verified_by, "
            + "event_id = excluded.event_id, enrolled_at = now()",
        volunteerId,
        nodeId,
        role.name(),
        verification == null ? null : verification.getMethod().name(),
        verification == null ? null : verification.getVerifiedByRef(),
        eventId);
  }

  /**
   * @return how a bank enrolled the volunteer, if it did
   */
  public Optional<Role> enrollment(String volunteerId, String nodeId) {
    return jdbc.first(
        "select role from volunteer_enrollment where volunteer_id = ? and node_id = ?",
        rs -> Role.valueOf(rs.getString(1)),
        volunteerId,
        nodeId);
  }

  /**
   * @return each volunteer's enrollments, by bank (a volunteer enrolled nowhere is left out)
   */
  public Map<String, Map<String, Role>> enrollments(Collection<String> volunteerIds) {
    Map<String, Map<String, Role>> out = new HashMap<>();
    jdbc.list(
            "select volunteer_id, node_id, role from volunteer_enrollment where volunteer_id = any(?)",
            rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
            (Object) volunteerIds.toArray(String[]::new))
        .forEach(
            r -> out.computeIfAbsent(r[0], k -> new HashMap<>()).put(r[1], Role.valueOf(r[2])));
    return out;
  }

  /**
   * @return the consent keys registered for these volunteers (one without a key is left out)
   */
  public Map<String, byte[]> consentKeys(Collection<String> volunteerIds) {
    Map<String, byte[]> out = new HashMap<>();
    jdbc.list(
            "select volunteer_id, consent_public_key from volunteer where volunteer_id = any(?) "
                + "and consent_public_key is not null",
            rs -> Map.entry(rs.getString(1), rs.getBytes(2)),
            (Object) volunteerIds.toArray(String[]::new))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Registers (or replaces) the public half of the consent key the volunteer holds. */
  void registerConsentKey(String volunteerId, byte[] publicKey, String keyId) {
    jdbc.update(
        "update volunteer set consent_public_key = ?, consent_key_id = ?, updated_at = now() where volunteer_id = ?",
        publicKey,
        keyId,
        volunteerId);
  }

  /**
   * @return the volunteer's registered consent key, raw 32 bytes, if any
   */
  public Optional<byte[]> consentKey(String volunteerId) {
    return jdbc.first(
        "select consent_public_key from volunteer where volunteer_id = ? and consent_public_key is not null",
        rs -> rs.getBytes(1),
        volunteerId);
  }

  /**
   * Moves the home: the new bank becomes HOME, the old one keeps the volunteer as a visitor it
   * verified.
   */
  void moveHome(String volunteerId, String fromNodeId, String toNodeId, UUID eventId) {
    jdbc.update(
        "update volunteer set home_node_id = ?, updated_at = now() where volunteer_id = ?",
        toNodeId,
        volunteerId);
    jdbc.update(
        "update volunteer_enrollment set role = 'VISIT' where volunteer_id = ? and node_id = ?",
        volunteerId,
        fromNodeId);
    jdbc.update(
        "insert into volunteer_enrollment (volunteer_id, node_id, role, event_id) values (?, ?, 'HOME', ?) "
            + "on conflict (volunteer_id, node_id) do update set role = 'HOME'",
        volunteerId,
        toNodeId,
        eventId);
  }

  public void grant(String volunteerId, String certification, String issuer, LocalDate validUntil) {
    jdbc.update(
        "insert into volunteer_certification (volunteer_id, certification, issuer, valid_until) values (?, ?, ?, ?) "
            + "on conflict (volunteer_id, certification) do update set issuer = excluded.issuer, "
            + "valid_until = excluded.valid_until, revoked = false, warned_at = null",
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

  /**
   * @return how many volunteers each bank enrolled as their home bank
   */
  public Map<String, Long> registeredByHome() {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.list(
        "select home_node_id, count(*) as n from volunteer group by home_node_id",
        rs -> counts.put(rs.getString("home_node_id"), rs.getLong("n")));
    return counts;
  }

  /**
   * @return how many volunteers of each home bank had a posting or a hold since the day (UTC) of
   *     {@code since}
   */
  public Map<String, Long> activeByHome(Instant since) {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.list(
        "select v.home_node_id, count(*) as n from account a join volunteer v"
            + " on a.id = 'volunteer:' || v.volunteer_id"
            + " where a.kind = 'VOLUNTEER' and a.active_on >= ? group by v.home_node_id",
        rs -> counts.put(rs.getString("home_node_id"), rs.getLong("n")),
        DailyTotals.day(since));
    return counts;
  }

  /** A certification as the volunteer's portal lists it. */
  public record Certification(
      String certification, String issuer, LocalDate validUntil, boolean revoked) {}

  /** A certification that is about to expire. */
  public record Expiring(String volunteerId, String certification, LocalDate validUntil) {}

  /**
   * @return the certifications, held and not told about, that expire from one day to another, their
   *     rows locked (skipping those another instance holds)
   */
  public List<Expiring> expiringUntold(LocalDate from, LocalDate until) {
    return jdbc.list(
        "select volunteer_id, certification, valid_until from volunteer_certification"
            + " where warned_at is null and not revoked and valid_until is not null"
            + " and valid_until between ? and ? order by valid_until for update skip locked",
        rs ->
            new Expiring(
                rs.getString("volunteer_id"),
                rs.getString("certification"),
                Jdbc.date(rs, "valid_until")),
        from,
        until);
  }

  /** Notes that the volunteer and their home bank were told the certification is expiring. */
  public void markWarned(String volunteerId, String certification) {
    jdbc.update(
        "update volunteer_certification set warned_at = now() where volunteer_id = ? and certification = ?",
        volunteerId,
        certification);
  }

  /** An insurance policy as the volunteer's portal lists it. */
  public record Insurance(
      String policyRef, String insurer, LocalDate validFrom, LocalDate validUntil) {}

  /**
   * @return the volunteer's certifications, revoked ones included
   */
  public List<Certification> certifications(String volunteerId) {
    return jdbc.list(
        "select certification, issuer, valid_until, revoked from volunteer_certification"
            + " where volunteer_id = ? order by certification",
        rs ->
            new Certification(
                rs.getString("certification"),
                rs.getString("issuer"),
                Jdbc.date(rs, "valid_until"),
                rs.getBoolean("revoked")),
        volunteerId);
  }

  /**
   * @return the volunteer's insurance policies, newest first
   */
  public List<Insurance> insurance(String volunteerId) {
    return jdbc.list(
        "select policy_ref, insurer, valid_from, valid_until from volunteer_insurance"
            + " where volunteer_id = ? order by valid_until desc",
        rs ->
            new Insurance(
                rs.getString("policy_ref"),
                rs.getString("insurer"),
                Jdbc.date(rs, "valid_from"),
                Jdbc.date(rs, "valid_until")),
        volunteerId);
  }
}
