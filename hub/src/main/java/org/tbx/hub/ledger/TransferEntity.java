package org.tbx.hub.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Read model of a posted transfer; only {@link LedgerService} writes transfers. */
@Entity
@Table(name = "transfer")
public class TransferEntity extends PanacheEntityBase {

  @Id public long id;

  @Column(name = "event_id")
  public UUID eventId;

  @Column(name = "debit_account_id")
  public String debitAccountId;

  @Column(name = "credit_account_id")
  public String creditAccountId;

  @Column(name = "amount_minutes")
  public long amountMinutes;

  public String code;

  @Column(name = "node_id")
  public String nodeId;

  @Column(name = "reverses_transfer_id")
  public Long reversesTransferId;

  @Column(name = "created_at")
  public OffsetDateTime createdAt;
}
