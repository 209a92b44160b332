package org.tbx.node.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.node.rest.InvalidFieldException;
import org.tbx.node.rest.ServiceRecordRequest;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.ServiceRecorded;

/** Records services: the record and its outbox event are committed together or not at all. */
@ApplicationScoped
@Transactional
public class ServiceRecordService {

  private final NodeConfig config;

  ServiceRecordService(NodeConfig config) {
    this.config = config;
  }

  /**
   * Credits the service by the current rulebook, then stores the record and the {@code ServiceRecorded}
   * event that carries it to the hub.
   *
   * @throws InvalidFieldException when the rulebook refuses the category or the minutes
   */
  public Recorded record(ServiceRecordRequest request) {
    Rulebook rulebook = Rulebooks.current();
    int credited;
    try {
      credited = rulebook.creditedMinutes(request.serviceCategory(), request.minutes());
    } catch (ProtocolException e) {
      String field = e.reason().name().equals("UNKNOWN_CATEGORY") ? "serviceCategory" : "minutes";
      throw new InvalidFieldException(field, e.reason().name(), e.getMessage());
    }
    ServiceRecordRequest.EvidenceRequest evidence = request.evidence() != null
        ? request.evidence()
        : new ServiceRecordRequest.EvidenceRequest(
            ConfirmationMethod.ORGANISER_RECORDED, "node:" + config.id(), List.of(), null, null);

    ServiceRecord record = new ServiceRecord();
    record.id = UUID.randomUUID();
    record.volunteerId = request.volunteerId();
    record.serviceCategory = request.serviceCategory();
    record.recipientRef = request.recipientRef();
    record.startedAt = request.startedAt();
    record.actualMinutes = request.minutes();
    record.creditedMinutes = credited;
    record.rulebookVersion = rulebook.version();
    record.evidenceMethod = evidence.method().name();
    record.recordedBy = evidence.recordedBy();
    record.confirmedBy = evidence.confirmedBy() == null ? new String[0] : evidence.confirmedBy().toArray(String[]::new);
    record.persist();

    OutboxEvent event = new OutboxEvent();
    event.eventId = UUID.randomUUID();
    event.eventType = ServiceRecorded.class.getSimpleName();
    event.aggregateId = record.id;
    event.envelope = BatchCodec.encode(NodeEvent.newBuilder()
        .setEventId(event.eventId.toString())
        .setNodeId(config.id())
        .setSequence(0)
        .setOccurredAt(request.startedAt())
        .setRecordedAt(Instant.now())
        .setPayload(new ServiceRecorded(
            record.volunteerId, record.serviceCategory, record.recipientRef, record.startedAt, record.actualMinutes,
            record.creditedMinutes, record.rulebookVersion,
            new Evidence(evidence.method(), evidence.recordedBy(), List.of(record.confirmedBy), evidence.checkInAt(),
                evidence.checkOutAt())))
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
