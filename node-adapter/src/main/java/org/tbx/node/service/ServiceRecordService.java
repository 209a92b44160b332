package org.tbx.node.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.outbox.OutboxEvent;
import org.tbx.node.submission.Submissions;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.ServiceRecorded;

/** Records services: the record and its outbox event are committed together or not at all. */
@ApplicationScoped
@Transactional
public class ServiceRecordService {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final NodeConfig config;
  private final Submissions submissions;

  ServiceRecordService(NodeConfig config, Submissions submissions) {
    this.config = config;
    this.submissions = submissions;
  }

  /**
   * Credits the service by the rulebook in force on its day (China time), then stores the record
   * and the {@code ServiceRecorded} event that carries it to the hub.
   *
   * @param idempotencyKey the caller's key: a retry with it returns the first record
   * @throws InvalidFieldException when the rulebook refuses the category or the minutes
   */
  public Recorded record(String idempotencyKey, ServiceRecordRequest request) {
    LocalDate serviceDay = LocalDate.ofInstant(request.startedAt(), CHINA);
    Rulebook rulebook =
        Rulebooks.inForceOn(serviceDay)
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "startedAt",
                        "INVALID_FIELD",
                        "no rulebook was in force on "
                            + serviceDay
                            + "; the first took effect on "
                            + Rulebooks.all().get(0).effectiveFrom()));
    int credited;
    try {
      credited = rulebook.creditedMinutes(request.serviceCategory(), request.minutes());
    } catch (ProtocolException e) {
      String field = e.reason().name().equals("UNKNOWN_CATEGORY") ? "serviceCategory" : "minutes";
      throw ApiException.invalid(field, e.reason().name(), e.getMessage());
    }
    ServiceRecordRequest.EvidenceRequest evidence =
        request.evidence() != null
            ? request.evidence()
            : new ServiceRecordRequest.EvidenceRequest(
                ConfirmationMethod.ORGANISER_RECORDED,
                "node:" + config.id(),
                List.of(),
                null,
                null);

    ServiceRecordRequest.EvidenceRequest ev = evidence;
    Submissions.Outcome outcome =
        submissions.submit(
            idempotencyKey,
            request,
            () -> {
              ServiceRecord record = new ServiceRecord();
              record.id = UUID.randomUUID();
              record.volunteerId = request.volunteerId();
              record.serviceCategory = request.serviceCategory();
              record.recipientRef = request.recipientRef();
              record.startedAt = request.startedAt();
              record.actualMinutes = request.minutes();
              record.creditedMinutes = credited;
              record.rulebookVersion = rulebook.version();
              record.evidenceMethod = ev.method().name();
              record.recordedBy = ev.recordedBy();
              record.confirmedBy =
                  ev.confirmedBy() == null
                      ? new String[0]
                      : ev.confirmedBy().toArray(String[]::new);
              record.persist();
              ServiceRecorded deposit =
                  new ServiceRecorded(
                      record.volunteerId,
                      record.serviceCategory,
                      record.recipientRef,
                      record.startedAt,
                      record.actualMinutes,
                      record.creditedMinutes,
                      record.rulebookVersion,
                      new Evidence(
                          ev.method(),
                          ev.recordedBy(),
                          List.of(record.confirmedBy),
                          ev.checkInAt(),
                          ev.checkOutAt()));
              return new Submissions.Draft(
                  deposit,
                  request.startedAt(),
                  record.id,
                  List.of(new Submissions.LocalEntry(record.volunteerId, credited, 0)));
            });
    ServiceRecord record = ServiceRecord.findById(outcome.event().aggregateId);
    return new Recorded(record, outcome.event(), outcome.replayed());
  }

  /**
   * @return a stored record and its outbox event, if the id is known
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<Recorded> find(UUID id) {
    return ServiceRecord.<ServiceRecord>findByIdOptional(id)
        .map(r -> new Recorded(r, OutboxEvent.forAggregate(r.id).orElseThrow(), false));
  }

  /**
   * A service record together with the outbox event that carries it.
   *
   * @param replayed true when this answers a retry of an earlier request
   */
  public record Recorded(ServiceRecord record, OutboxEvent event, boolean replayed) {}
}
