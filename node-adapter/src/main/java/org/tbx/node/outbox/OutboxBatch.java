package org.tbx.node.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Consecutive events sealed into one encoded batch, published as one Kafka record. */
@Entity
@Table(name = "outbox_batch")
public class OutboxBatch extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "first_sequence")
  public long firstSequence;

  @Column(name = "last_sequence")
  public long lastSequence;

  @Column(name = "event_count")
  public int eventCount;

  /** SHA-256 of the signed batch body: the next batch's previousBatchHash. */
  @Column(name = "batch_hash")
  public byte[] batchHash;

  @Column(name = "key_id")
  public String keyId;

  /** The Kafka record value: the encoded signed batch. */
  public byte[] payload;

  @Column(name = "published_at")
  public Instant publishedAt;

  @Column(name = "kafka_offset")
  public Long kafkaOffset;

  /**
   * @return whether this adapter sealed the batch ending at that sequence with that hash
   */
  static boolean sealedAs(long lastSequence, byte[] batchHash) {
    return find("lastSequence = ?1 and batchHash = ?2", lastSequence, batchHash).count() > 0;
  }

  static List<OutboxBatch> unpublished(int limit) {
    return find("publishedAt is null order by firstSequence").page(0, limit).list();
  }
}
