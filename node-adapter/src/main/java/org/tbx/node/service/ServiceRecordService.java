package org.tbx.node.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.node.rest.ServiceRecordRequest;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.v0.EventEnvelope;
import org.tbx.protocol.v0.ServiceRecorded;

/** Records services: the record and its outbox event are committed together or not at all. */
@ApplicationScoped
@Transactional
public class ServiceRecordService {

  private final NodeConfig config;

  ServiceRecordService(NodeConfig config) {
    this.config = config;
  }

  /**
   * Stores a validated service record and the {@code ServiceRecorded} event that carries it to the hub.
   *
   * @return the stored record and its outbox event
   */
  public Recorded record(ServiceRecordRequest request) {
    ServiceRecord record = new ServiceRecord();
    record.id = UUID.randomUUID();
    record.volunteerId = request.volunteerId();
    record.serviceCategory = request.serviceCategory();
    record.startedAt = request.startedAt();
    record.minutes = request.minutes();
    record.persist();

    Instant now = Instant.now();
    OutboxEvent event = new OutboxEvent();
    event.eventId = UUID.randomUUID();
    event.eventType = ServiceRecorded.class.getSimpleName();
    event.aggregateId = record.id;
    event.envelope =
        BatchCodec.encode(
            EventEnvelope.newBuilder()
                .setEventId(event.eventId.toString())
                .setNodeId(config.id())
                .setSequence(0)
                .setOccurredAt(request.startedAt())
                .setRecordedAt(now)
                .setPayload(
                    ServiceRecorded.newBuilder()
                        .setVolunteerId(record.volunteerId)
                        .setServiceCategory(record.serviceCategory)
                        .setStartedAt(record.startedAt)
                        .setMinutes(record.minutes)
                        .build())
                .build());
    event.persist();
    return new Recorded(record, event);
  }

  /** @return a stored record and its outbox event, if the id is known */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Recorded> find(UUID id) {
    return ServiceRecord.<ServiceRecord>findByIdOptional(id)
        .map(r -> new Recorded(r, OutboxEvent.forAggregate(r.id).orElseThrow()));
  }

  /** A service record together with the outbox event that carries it. */
  public record Recorded(ServiceRecord record, OutboxEvent event) {}
}
