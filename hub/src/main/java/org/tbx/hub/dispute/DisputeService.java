package org.tbx.hub.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.hub.log.LeafData;
import org.tbx.hub.log.TransparencyLog;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;

/**
 * Disputes of debits (PROTOCOL.md section 14). The volunteer or their home bank disputes a
 * redemption, gift or donation within the rulebook's window; the federation operator decides.
 * Upheld, the minutes go back to the volunteer at the debiting bank's cost: a transfer from {@code
 * bank:<debiting>:issued}, so the bank's outstanding minutes (and its guarantee coverage) carry it;
 * the compensation is an event of the hub, logged like every applied event.
 */
@ApplicationScoped
public class DisputeService {

  /** The debits a volunteer may dispute. */
  static final Set<String> DEBITS =
      Set.of(
          TransferCode.REDEMPTION_SETTLED.name(),
          TransferCode.HOURS_GIFTED.name(),
          TransferCode.HOURS_DONATED.name());

  /** The hub's event type of an upheld dispute's compensation. */
  static final String UPHELD_EVENT = "DebitDisputeUpheld";

  private final DisputeRepository disputes;
  private final LedgerRepository ledger;
  private final VolunteerRepository volunteers;
  private final Notifications notifications;
  private final ProcessedEvents processed;
  private final TransparencyLog log;
  private final Clock clock;

  DisputeService(
      DisputeRepository disputes,
      LedgerRepository ledger,
      VolunteerRepository volunteers,
      Notifications notifications,
      ProcessedEvents processed,
      TransparencyLog log,
      Clock clock) {
    this.disputes = disputes;
    this.ledger = ledger;
    this.volunteers = volunteers;
    this.notifications = notifications;
    this.processed = processed;
    this.log = log;
    this.clock = clock;
  }

  /**
   * Opens a dispute of one debit of the volunteer.
   *
   * @param raisedByRole VOLUNTEER or HOME_BANK
   * @throws ApiException 404 when the event is no debit of the volunteer, 409 when it was reversed,
   *     is already disputed, or the rulebook's window has closed
   */
  @Transactional
  public DisputeRepository.Dispute raise(
      String volunteerId, UUID eventId, String reason, String raisedByRole, String raisedBy) {
    Account account = Account.volunteer(volunteerId);
    List<Transfer> debits =
        ledger.transfersOf(eventId).stream()
            .filter(t -> t.debit().equals(account) && DEBITS.contains(t.code()))
            .toList();
    if (debits.isEmpty()) {
      throw ApiException.notFound(
          "event "
              + eventId
              + " is no redemption, gift or donation that debited volunteer "
              + volunteerId);
    }
    if (debits.stream().anyMatch(t -> ledger.isReversed(t.id()))) {
      throw ApiException.conflict("ALREADY_REVERSED", "event " + eventId + " was reversed already");
    }
    Instant now = clock.instant();
    Instant posted = debits.get(0).postedAt();
    Rulebook rules = Rulebooks.current();
    int window = rules.consent() == null ? 0 : rules.consent().disputeWindowDays();
    if (posted.plus(Duration.ofDays(window)).isBefore(now)) {
      throw ApiException.conflict(
          "DISPUTE_WINDOW_CLOSED",
          "debit "
              + eventId
              + " was posted at "
              + posted
              + "; rulebook "
              + rules.version()
              + " lets a debit be disputed for "
              + window
              + " days");
    }
    String debitingNode = debits.get(0).nodeId();
    String home = volunteers.homeOf(volunteerId).orElse(null);
    DisputeRepository.Dispute dispute =
        new DisputeRepository.Dispute(
            UUID.randomUUID(),
            volunteerId,
            eventId,
            debitingNode,
            home,
            debits.stream().mapToLong(Transfer::amountMinutes).sum(),
            debits.get(0).code(),
            raisedByRole,
            raisedBy,
            reason,
            "OPEN",
            null,
            null,
            null,
            now,
            null);
    if (!disputes.open(dispute)) {
      throw ApiException.conflict(
          "ALREADY_DISPUTED", "debit " + eventId + " has an open or upheld dispute already");
    }
    String detail =
        "volunteer "
            + volunteerId
            + "'s "
            + dispute.debitCode()
            + " of "
            + dispute.minutes()
            + " minutes at "
            + debitingNode
            + " (event "
            + eventId
            + ") is disputed: "
            + reason;
    notifications.tell(
        debitingNode,
        null,
        Notifications.Kind.DEBIT_DISPUTED,
        dispute.disputeId().toString(),
        detail);
    if (home != null && !home.equals(debitingNode)) {
      notifications.tell(
          home, null, Notifications.Kind.DEBIT_DISPUTED, dispute.disputeId().toString(), detail);
    }
    return dispute;
  }

  /**
   * The operator's decision. Upheld, the minutes go back to the volunteer from the debiting bank's
   * issue.
   *
   * @throws ApiException 404 for an unknown dispute, 409 unless it is open
   */
  @Transactional
  public DisputeRepository.Dispute decide(
      UUID disputeId, boolean upheld, String reason, String decidedBy) {
    DisputeRepository.Dispute d = open(disputeId);
    Instant now = clock.instant();
    UUID compensation = null;
    if (upheld) {
      compensation = UUID.randomUUID();
      compensate(d, compensation);
    }
    disputes.decide(
        disputeId, upheld ? "UPHELD" : "REJECTED", decidedBy, reason, compensation, now);
    String detail =
        "the dispute of "
            + d.debitCode()
            + " event "
            + d.eventId()
            + " was "
            + (upheld
                ? "upheld: "
                    + d.minutes()
                    + " minutes go back to the volunteer at "
                    + d.debitingNodeId()
                    + "'s cost"
                : "rejected")
            + "; "
            + reason;
    String id = disputeId.toString();
    notifications.tell(null, d.volunteerId(), Notifications.Kind.DEBIT_DISPUTE_DECIDED, id, detail);
    notifications.tell(
        d.debitingNodeId(), null, Notifications.Kind.DEBIT_DISPUTE_DECIDED, id, detail);
    if (d.homeNodeId() != null && !d.homeNodeId().equals(d.debitingNodeId())) {
      notifications.tell(
          d.homeNodeId(), null, Notifications.Kind.DEBIT_DISPUTE_DECIDED, id, detail);
    }
    return disputes.find(disputeId).orElseThrow();
  }

  /**
   * Withdraws an open dispute, by whoever raised it.
   *
   * @throws ApiException 404 for an unknown dispute, 409 unless it is open
   */
  @Transactional
  public DisputeRepository.Dispute withdraw(UUID disputeId, String reason, String by) {
    open(disputeId);
    disputes.decide(disputeId, "WITHDRAWN", by, reason, null, clock.instant());
    return disputes.find(disputeId).orElseThrow();
  }

  private DisputeRepository.Dispute open(UUID disputeId) {
    DisputeRepository.Dispute d =
        disputes
            .lock(disputeId)
            .orElseThrow(() -> ApiException.notFound("there is no dispute " + disputeId));
    if (!d.state().equals("OPEN")) {
      throw ApiException.conflict(
          "DISPUTE_NOT_OPEN", "dispute " + disputeId + " is " + d.state() + " already");
    }
    return d;
  }

  /** Posts the minutes back from the debiting bank's issue, as an event of the hub, and logs it. */
  private void compensate(DisputeRepository.Dispute d, UUID eventId) {
    LedgerSession session = new LedgerSession(ledger);
    session.post(
        Transfer.of(
            eventId,
            Account.bankIssued(d.debitingNodeId()),
            Account.volunteer(d.volunteerId()),
            d.minutes(),
            TransferCode.DISPUTE_UPHELD,
            ProcessedEvents.HUB));
    session.flush();
    byte[] payload =
        Ed25519Keys.sha256(
            ("tbx/v1/dispute-upheld\ndispute "
                    + d.disputeId()
                    + "\nevent "
                    + d.eventId()
                    + "\nvolunteer "
                    + d.volunteerId()
                    + "\nminutes "
                    + d.minutes()
                    + "\n")
                .getBytes(StandardCharsets.UTF_8));
    processed.recordHubEvent(eventId, UPHELD_EVENT, payload, d.volunteerId());
    log.append(
        List.of(
            new LeafData(
                eventId,
                ProcessedEvents.HUB,
                0,
                UPHELD_EVENT,
                payload,
                session.postedBy(eventId))));
  }
}
