package org.tbx.hub.redemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Read model of a hold; only {@link RedemptionService} writes holds. */
@Entity
@Table(name = "hold")
public class HoldEntity extends PanacheEntityBase {

  @Id
  @Column(name = "hold_id")
  public UUID holdId;

  @Column(name = "redemption_id")
  public String redemptionId;

  @Column(name = "amount_minutes")
  public long amountMinutes;

  @Column(name = "expires_at")
  public OffsetDateTime expiresAt;

  /** PENDING, POSTED, VOIDED or EXPIRED. */
  public String state;

  @Column(name = "used_minutes")
  public Long usedMinutes;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  public static Optional<HoldEntity> ofRedemption(String redemptionId) {
    return find("redemptionId", redemptionId).firstResultOptional();
  }

}
