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

  public int minutes;

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;
}
