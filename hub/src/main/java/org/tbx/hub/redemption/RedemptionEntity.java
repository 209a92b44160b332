package org.tbx.hub.redemption;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of a redemption as the hub decided it; only {@link RedemptionService} writes them. */
@Entity
@Table(name = "redemption")
public class RedemptionEntity extends PanacheEntityBase {

  @Id
  @Column(name = "redemption_id")
  public String redemptionId;

  @Column(name = "node_id")
  public String nodeId;

  @Column(name = "volunteer_id")
  public String volunteerId;

  @Column(name = "requested_minutes")
  public long requestedMinutes;

  /** AUTHORIZED or DECLINED. */
  public String status;

  @Column(name = "decline_reason")
  public String declineReason;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;
}
