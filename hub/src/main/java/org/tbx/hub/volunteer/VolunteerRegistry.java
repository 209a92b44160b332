package org.tbx.hub.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationGranted;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;

/** Volunteers' enrollment, home bank, certifications and insurance, as the banks reported them. */
@ApplicationScoped
public class VolunteerRegistry {

  @jakarta.inject.Inject
  javax.sql.DataSource dataSource;

  /**
   * @return whether the bank serves the volunteer: it is their home bank, or it has moved their minutes
   */
  public boolean servedBy(String volunteerId, String nodeId) {
    String account = org.tbx.hub.ledger.Transfer.Account.volunteer(volunteerId).id();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "select exists (select 1 from volunteer where volunteer_id = ? and home_node_id = ?) "
                + "or exists (select 1 from transfer where debit_account_id = ? and node_id = ?) "
                + "or exists (select 1 from transfer where credit_account_id = ? and node_id = ?)")) {
      ps.setString(1, volunteerId);
      ps.setString(2, nodeId);
      ps.setString(3, account);
      ps.setString(4, nodeId);
      ps.setString(5, account);
      ps.setString(6, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("checking whether " + nodeId + " serves a volunteer failed", e);
    }
  }

  /**
   * What the deposit rules need of a volunteer, read once per poll.
   *
   * @param enrolled false when no bank has enrolled the volunteer
   * @param creditsPosted everything ever credited to the volunteer's account, before this poll
   */
  public record Facts(boolean enrolled, LocalDate birthDate, AccountType accountType, long creditsPosted) {}

  /** Facts read in one poll, by volunteer id, and the minutes deposits credited since they were read. */
  public static final class Cache {
    private final Map<String, Facts> facts = new HashMap<>();
    private final Map<String, Long> creditedSince = new HashMap<>();

    /** @return everything credited to the volunteer, including deposits accepted earlier in this poll */
    public long creditedSoFar(String volunteerId) {
      return facts.get(volunteerId).creditsPosted() + creditedSince.getOrDefault(volunteerId, 0L);
    }

    public void credited(String volunteerId, long minutes) {
      creditedSince.merge(volunteerId, minutes, Long::sum);
    }
  }

  public Cache begin() {
    return new Cache();
  }

  /** Reads, in one query, the facts of the volunteers not yet in the cache. */
  public void prefetch(Connection c, Cache cache, Collection<String> volunteerIds) throws SQLException {
    List<String> missing = volunteerIds.stream().filter(v -> !cache.facts.containsKey(v)).distinct().toList();
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "select ids.v, vol.birth_date, vol.account_type, coalesce(a.credits_posted, 0) from unnest(?::text[]) as ids(v) "
            + "left join volunteer vol on vol.volunteer_id = ids.v left join account a on a.id = 'volunteer:' || ids.v")) {
      ps.setArray(1, c.createArrayOf("text", missing.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date born = rs.getDate(2);
          cache.facts.put(rs.getString(1), new Facts(born != null, born == null ? null : born.toLocalDate(),
              rs.getString(3) == null ? null : AccountType.valueOf(rs.getString(3)), rs.getLong(4)));
        }
      }
    }
  }

  /** @return the cached facts of a volunteer; {@link #prefetch} must have read them */
  public Facts facts(Cache cache, String volunteerId) {
    return cache.facts.get(volunteerId);
  }

  /** @return the volunteer's facts, read now (for the rarer paths: redemptions, gifts) */
  public Optional<Facts> read(Connection c, String volunteerId) throws SQLException {
    Cache cache = new Cache();
    prefetch(c, cache, List.of(volunteerId));
    Facts f = cache.facts.get(volunteerId);
    return f.enrolled() ? Optional.of(f) : Optional.empty();
  }

  /** @return whether the volunteer holds the certification, unrevoked and valid on the day */
  public boolean certified(Connection c, String volunteerId, String certification, LocalDate day) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select 1 from volunteer_certification where volunteer_id = ? and certification = ? and not revoked "
            + "and (valid_until is null or valid_until >= ?)")) {
      ps.setString(1, volunteerId);
      ps.setString(2, certification);
      ps.setDate(3, Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** @return whether an insurance policy of the volunteer covers the day */
  public boolean insured(Connection c, String volunteerId, LocalDate day) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "select 1 from volunteer_insurance where volunteer_id = ? and valid_from <= ? and valid_until >= ?")) {
      ps.setString(1, volunteerId);
      ps.setDate(2, Date.valueOf(day));
      ps.setDate(3, Date.valueOf(day));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Records an enrollment; the enrolling bank becomes the home bank. */
  public void enroll(Connection c, String node, VolunteerEnrolled e) throws SQLException, ProtocolException {
    Optional<String> home = homeOf(c, e.getVolunteerId());
    if (home.isPresent()) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "volunteer " + e.getVolunteerId() + " is already enrolled at "
          + home.get() + (home.get().equals(node) ? "" : "; send VolunteerRelocated to move them"));
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into volunteer (volunteer_id, home_node_id, birth_date, account_type, guardian_volunteer_id) "
            + "values (?, ?, ?, ?, ?)")) {
      ps.setString(1, e.getVolunteerId());
      ps.setString(2, node);
      ps.setDate(3, Date.valueOf(e.getBirthDate()));
      ps.setString(4, e.getAccountType().name());
      ps.setString(5, e.getGuardianVolunteerId());
      ps.executeUpdate();
    }
  }

  /** Moves a volunteer's home bank; either the old or the new home bank may report it. */
  public void relocate(Connection c, String node, VolunteerRelocated r) throws SQLException, ProtocolException {
    if (!node.equals(r.getFromNodeId()) && !node.equals(r.getToNodeId())) {
      throw new ProtocolException(ReasonCode.NODE_MISMATCH, "only " + r.getFromNodeId() + " or " + r.getToNodeId()
          + " may report this relocation");
    }
    String home = homeOf(c, r.getVolunteerId()).orElseThrow(() -> new ProtocolException(ReasonCode.UNKNOWN_VOLUNTEER,
        "volunteer " + r.getVolunteerId() + " is not enrolled"));
    if (!home.equals(r.getFromNodeId())) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD,
          "payload.fromNodeId is " + r.getFromNodeId() + " but the volunteer's home bank is " + home);
    }
    try (PreparedStatement ps = c.prepareStatement(
        "update volunteer set home_node_id = ?, updated_at = now() where volunteer_id = ?")) {
      ps.setString(1, r.getToNodeId());
      ps.setString(2, r.getVolunteerId());
      ps.executeUpdate();
    }
  }

  public void grant(Connection c, CertificationGranted g) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into volunteer_certification (volunteer_id, certification, issuer, valid_until) values (?, ?, ?, ?) "
            + "on conflict (volunteer_id, certification) do update set issuer = excluded.issuer, "
            + "valid_until = excluded.valid_until, revoked = false")) {
      ps.setString(1, g.getVolunteerId());
      ps.setString(2, g.getCertification());
      ps.setString(3, g.getIssuer());
      ps.setDate(4, g.getValidUntil() == null ? null : Date.valueOf(g.getValidUntil()));
      ps.executeUpdate();
    }
  }

  public void revoke(Connection c, CertificationRevoked r) throws SQLException, ProtocolException {
    try (PreparedStatement ps = c.prepareStatement(
        "update volunteer_certification set revoked = true where volunteer_id = ? and certification = ?")) {
      ps.setString(1, r.getVolunteerId());
      ps.setString(2, r.getCertification());
      if (ps.executeUpdate() == 0) {
        throw new ProtocolException(ReasonCode.INVALID_FIELD,
            "volunteer " + r.getVolunteerId() + " holds no certification " + r.getCertification());
      }
    }
  }

  public void insure(Connection c, InsuranceRegistered i) throws SQLException, ProtocolException {
    if (i.getValidUntil().isBefore(i.getValidFrom())) {
      throw new ProtocolException(ReasonCode.INVALID_FIELD, "payload.validUntil is before payload.validFrom");
    }
    try (PreparedStatement ps = c.prepareStatement(
        "insert into volunteer_insurance (volunteer_id, policy_ref, insurer, valid_from, valid_until) values (?, ?, ?, ?, ?) "
            + "on conflict (volunteer_id, policy_ref) do update set insurer = excluded.insurer, "
            + "valid_from = excluded.valid_from, valid_until = excluded.valid_until")) {
      ps.setString(1, i.getVolunteerId());
      ps.setString(2, i.getPolicyRef());
      ps.setString(3, i.getInsurer());
      ps.setDate(4, Date.valueOf(i.getValidFrom()));
      ps.setDate(5, Date.valueOf(i.getValidUntil()));
      ps.executeUpdate();
    }
  }

  private static Optional<String> homeOf(Connection c, String volunteerId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select home_node_id from volunteer where volunteer_id = ?")) {
      ps.setString(1, volunteerId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

}
