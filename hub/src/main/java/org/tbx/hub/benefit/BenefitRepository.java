package org.tbx.hub.benefit;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** The benefits banks offer and their redemptions ({@code benefit}, {@code benefit_redemption}). */
@ApplicationScoped
public class BenefitRepository {

  /**
   * A benefit a bank offers for hours.
   *
   * @param benefitId the bank's code for it
   * @param kind SERVICE_PRIORITY, GOODS, CARE_HOME_PRIORITY (or CASH, where a rulebook allows it)
   * @param minutes what it costs the volunteer
   */
  public record Benefit(
      String benefitId,
      String nodeId,
      String nameZh,
      String nameEn,
      String kind,
      int minutes,
      Instant createdAt) {

    /**
     * @return whether an offer sent again states the same benefit
     */
    public boolean sameAs(Benefit other) {
      return nodeId.equals(other.nodeId)
          && nameZh.equals(other.nameZh)
          && nameEn.equals(other.nameEn)
          && kind.equals(other.kind)
          && minutes == other.minutes;
    }
  }

  /**
   * A volunteer's redemption of a benefit.
   *
   * @param redemptionId the bank's id for it: a retry with it is the same redemption
   * @param eventId the hub's event that debited the volunteer
   */
  public record Redemption(
      UUID redemptionId,
      String benefitId,
      String volunteerId,
      String nodeId,
      int minutes,
      String consentId,
      UUID eventId,
      Instant redeemedAt) {}

  private static final String BENEFIT =
      "benefit_id, node_id, name_zh, name_en, kind, minutes, created_at";
  private static final String REDEMPTION =
      "redemption_id, benefit_id, volunteer_id, node_id, minutes, consent_id, event_id, redeemed_at";

  private final Jdbc jdbc;

  BenefitRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return false when a benefit with this id exists already
   */
  boolean offer(Benefit b) {
    return jdbc.update(
            "insert into benefit (benefit_id, node_id, name_zh, name_en, kind, minutes) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
            b.benefitId(),
            b.nodeId(),
            b.nameZh(),
            b.nameEn(),
            b.kind(),
            b.minutes())
        == 1;
  }

  public Optional<Benefit> benefit(String benefitId) {
    return jdbc.first(
        "select " + BENEFIT + " from benefit where benefit_id = ?",
        BenefitRepository::benefit,
        benefitId);
  }

  /**
   * @return every benefit offered, or one bank's, by bank and id
   */
  public List<Benefit> benefits(String nodeId) {
    return nodeId == null
        ? jdbc.list(
            "select " + BENEFIT + " from benefit order by node_id, benefit_id",
            BenefitRepository::benefit)
        : jdbc.list(
            "select " + BENEFIT + " from benefit where node_id = ? order by benefit_id",
            BenefitRepository::benefit,
            nodeId);
  }

  /**
   * @return false when a redemption with this id exists already
   */
  boolean redeem(Redemption r) {
    return jdbc.update(
            "insert into benefit_redemption (redemption_id, benefit_id, volunteer_id, node_id, minutes, "
                + "consent_id, event_id) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
            r.redemptionId(),
            r.benefitId(),
            r.volunteerId(),
            r.nodeId(),
            r.minutes(),
            r.consentId(),
            r.eventId())
        == 1;
  }

  public Optional<Redemption> redemption(UUID redemptionId) {
    return jdbc.first(
        "select " + REDEMPTION + " from benefit_redemption where redemption_id = ?",
        BenefitRepository::redemption,
        redemptionId);
  }

  private static Benefit benefit(ResultSet rs) throws SQLException {
    return new Benefit(
        rs.getString("benefit_id"),
        rs.getString("node_id"),
        rs.getString("name_zh"),
        rs.getString("name_en"),
        rs.getString("kind"),
        rs.getInt("minutes"),
        Jdbc.instant(rs, "created_at"));
  }

  private static Redemption redemption(ResultSet rs) throws SQLException {
    return new Redemption(
        (UUID) rs.getObject("redemption_id"),
        rs.getString("benefit_id"),
        rs.getString("volunteer_id"),
        rs.getString("node_id"),
        rs.getInt("minutes"),
        rs.getString("consent_id"),
        (UUID) rs.getObject("event_id"),
        Jdbc.instant(rs, "redeemed_at"));
  }
}
