package org.tbx.node.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
@Transactional(dontRollbackOn = ApiException.class)
public class ServiceRecordService {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final NodeConfig config;
  private final Submissions submissions;
  private final Validator validator;

  ServiceRecordService(NodeConfig config, Submissions submissions, Validator validator) {
    this.config = config;
    this.submissions = submissions;
    this.validator = validator;
  }

  /**
   * One record of a bulk request and what became of it.
   *
   * @param recorded the record, when stored (now, or before under the same key)
   * @param refused why not, naming the field, when refused
   */
  public record Item(String key, Recorded recorded, ApiException refused) {}

  /**
   * Records many services in one transaction, each under its own idempotency key: a refused record
   * is reported with its reason and changes nothing; the others are stored with their outbox
   * events.
   */
  public List<Item> recordAll(List<String> keys, List<ServiceRecordRequest> requests) {
    List<Item> items = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      String key = keys.get(i);
      ServiceRecordRequest request = requests.get(i);
      Optional<ApiException> invalid = check(request);
      if (invalid.isPresent()) {
        items.add(new Item(key, null, invalid.get()));
        continue;
      }
      try {
        items.add(new Item(key, record(key, request), null));
      } catch (ApiException e) {
        items.add(new Item(key, null, e));
      }
    }
    return items;
  }

  /**
   * @return the first rule a request breaks, as the single-record endpoint would answer it
   */
  private Optional<ApiException> check(ServiceRecordRequest request) {
    if (request == null) {
      return Optional.of(ApiException.invalid("record", "INVALID_FIELD", "is required"));
    }
    return validator.validate(request).stream()
        .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .map(
            v ->
                ApiException.invalid(
                    v.getPropertyPath().toString(), "INVALID_FIELD", v.getMessage()));
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
