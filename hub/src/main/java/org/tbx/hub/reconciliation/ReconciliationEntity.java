package org.tbx.hub.reconciliation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of a reconciliation result; only {@link ReconciliationService} writes them. */
@Entity
@Table(name = "reconciliation")
public class ReconciliationEntity extends PanacheEntityBase {

  @Id
  @Column(name = "statement_id")
  public String statementId;

  @Column(name = "node_id")
  public String nodeId;

  @Column(name = "as_of_sequence")
  public long asOfSequence;

  public boolean matched;

  @Column(name = "difference_count")
  public int differenceCount;

  @Column(name = "reconciled_at")
  public OffsetDateTime reconciledAt;
}
