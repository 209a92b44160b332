package org.tbx.hub.reconciliation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Read model of one reconciliation difference. */
@Entity
@Table(name = "reconciliation_difference")
public class DifferenceEntity extends PanacheEntityBase {

  @Id public long id;

  @Column(name = "statement_id")
  public String statementId;

  /** MISSING_AT_HUB, MISSING_AT_BANK, AMOUNT_DIFFERS, REJECTED_BY_HUB or CONTROL_TOTAL_DIFFERS. */
  public String kind;

  @Column(name = "volunteer_id")
  public String volunteerId;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "bank_minutes")
  public long bankMinutes;

  @Column(name = "hub_minutes")
  public long hubMinutes;
}
