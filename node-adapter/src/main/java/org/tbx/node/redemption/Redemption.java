package org.tbx.node.redemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A redemption this bank requested and what the hub decided: REQUESTED, AUTHORIZED or DECLINED,
 * then SETTLED or CANCELLED.
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

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "decided_at")
  public Instant decidedAt;
}
