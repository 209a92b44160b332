package org.tbx.node.redemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A redemption this bank requested and what the hub decided, in the federation's vocabulary ({@link
 * org.tbx.protocol.RedemptionStatus}): REQUESTED, AUTHORIZED or DECLINED, then SETTLED, CANCELLED
 * or EXPIRED.
 */
@Entity
@Table(name = "redemption")
public class Redemption extends PanacheEntityBase {

  @Id
  @Column(name = "redemption_id")
  public String redemptionId;

  @Column(name = "volunteer_id")
  public String volunteerId;

  @Column(name = "beneficiary_ref")
  public String beneficiaryRef;

  public String relation;

  @Column(name = "service_category")
  public String serviceCategory;

  @Column(name = "requested_minutes")
  public int requestedMinutes;

  public String status;

  @Column(name = "hold_id")
  public String holdId;

  @Column(name = "authorized_minutes")
  public Integer authorizedMinutes;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "used_minutes")
  public Integer usedMinutes;

  @Column(name = "decline_reason")
  public String declineReason;

  @Column(name = "decline_detail")
  public String declineDetail;

  @Column(name = "created_at", updatable = false)
  public Instant createdAt;

  @Column(name = "decided_at")
  public Instant decidedAt;

  /** One page of redemptions and how many match in all. */
  public record Page(long total, List<Redemption> items) {}

  /**
   * @return redemptions matching the filters (each may be null), newest first
   */
  public static Page page(
      String volunteerId, String status, Instant from, Instant to, int page, int size) {
    StringBuilder where = new StringBuilder("1 = 1");
    Parameters params = new Parameters();
    if (volunteerId != null) {
      where.append(" and volunteerId = :volunteer");
      params.and("volunteer", volunteerId);
    }
    if (status != null) {
      where.append(" and status = :status");
      params.and("status", status);
    }
    if (from != null) {
      where.append(" and createdAt >= :from");
      params.and("from", from);
    }
    if (to != null) {
      where.append(" and createdAt < :to");
      params.and("to", to);
    }
    PanacheQuery<Redemption> query =
        Redemption.<Redemption>find(
                where.toString(), Sort.descending("createdAt", "redemptionId"), params)
            .page(page, size);
    return new Page(query.count(), query.list());
  }
}
