package org.tbx.node.service;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A service a volunteer performed, as the bank submitted it. */
@Entity
@Table(name = "service_record")
public class ServiceRecord extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "volunteer_id")
  public String volunteerId;

  @Column(name = "service_category")
  public String serviceCategory;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "recipient_ref")
  public String recipientRef;

  @Column(name = "actual_minutes")
  public int actualMinutes;

  @Column(name = "credited_minutes")
  public int creditedMinutes;

  @Column(name = "rulebook_version")
  public int rulebookVersion;

  @Column(name = "evidence_method")
  public String evidenceMethod;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "confirmed_by")
  public String[] confirmedBy;

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;
}
