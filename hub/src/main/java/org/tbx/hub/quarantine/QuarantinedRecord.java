package org.tbx.hub.quarantine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Read model of a quarantined record; only {@link Quarantine} writes them. */
@Entity
@Table(name = "quarantined_record")
public class QuarantinedRecord extends PanacheEntityBase {

  @Id public long id;

  @Column(name = "kafka_topic")
  public String topic;

  @Column(name = "kafka_partition")
  public int partition;

  @Column(name = "kafka_offset")
  public long offset;

  @Column(name = "record_value")
  public byte[] value;

  @Column(name = "node_id")
  public String nodeId;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "reason_code")
  public String reasonCode;

  public String detail;

  /** True for a batch held after a sequence gap. */
  public boolean held;

  @Column(name = "first_sequence")
  public Long firstSequence;

  /** When a held batch was released to be applied once its gap was filled. */
  @Column(name = "released_at")
  public OffsetDateTime releasedAt;

  @Column(name = "received_at")
  public OffsetDateTime receivedAt;
}
