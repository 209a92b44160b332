package org.tbx.hub.dispute;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tbx.hub.deposit.HonourOverflow;
import org.tbx.hub.ingest.HubEvents;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.LedgerSession;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.hub.notification.Notifications;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.kit.api.ApiException;
import org.tbx.protocol.rules.Rulebook;
import org.tbx.protocol.rules.Rulebooks;

/**
 * Disputes (PROTOCOL.md section 14). The volunteer or their home bank disputes a redemption, gift
 * or donation; the bank that recorded a service disputes the record, for itself or for the
 * recipient; within the rulebook's window; the federation operator decides. An upheld debit dispute
 * gives the minutes back at the debiting bank's cost (a transfer from {@code
 * bank:<debiting>:issued}, so the bank's outstanding minutes and its guarantee coverage carry it);
 * an upheld service dispute takes the credit back (the deposit's transfers reversed) and counts in
 * the volunteer's standing. Either is an event of the hub, logged like every applied event.
 */
@ApplicationScoped
public class DisputeService {

  /** The debits a volunteer may dispute. */
  static final Set<String> DEBITS =
      Set.of(
          TransferCode.REDEMPTION_SETTLED.name(),
          TransferCode.HOURS_GIFTED.name(),
          TransferCode.HOURS_DONATED.name(),
          TransferCode.BENEFIT_REDEEMED.name());

  /** The hub's event type of an upheld debit dispute's compensation. */
  static final String UPHELD_EVENT = "DebitDisputeUpheld";

  /** The hub's event type of an upheld service dispute's reversal. */
  static final String SERVICE_UPHELD_EVENT = "ServiceDisputeUpheld";

  /**
   * Who raises a dispute.
   *
   * @param volunteerId the volunteer signed in, or null
   * @param nodeId the bank signed in, or null
   * @param subject the token's subject, who may withdraw it
   * @param forRecipient a bank raises it for the person it served
   */
  public record Raiser(String volunteerId, String nodeId, String subject, boolean forRecipient) {}

  private final DisputeRepository disputes;
  private final LedgerRepository ledger;
  private final VolunteerRepository volunteers;
  private final Notifications notifications;
  private final HubEvents hubEvents;
  private final HonourOverflow honours;
  private final Clock clock;

  DisputeService(
      DisputeRepository disputes,
      LedgerRepository ledger,
      VolunteerRepository volunteers,
      Notifications notifications,
      HubEvents hubEvents,
      HonourOverflow honours,
      Clock clock) {
    this.honours = honours;
    this.disputes = disputes;
    this.ledger = ledger;
    this.volunteers = volunteers;
    this.notifications = notifications;
    this.hubEvents = hubEvents;
    this.clock = clock;
  }

  /**
   * Opens a dispute of one debit of the volunteer, or of one service recorded for them.
   *
   * @throws ApiException 403 when the raiser may not dispute that event, 404 when the event is no
   *     debit of the volunteer and no service recorded for them, 409 when it was reversed, is
   *     already disputed, or the rulebook's window has closed
   */
  @Transactional
  public DisputeRepository.Dispute raise(
      String volunteerId, UUID eventId, String reason, Raiser raiser) {
    Account account = Account.volunteer(volunteerId);
    List<Transfer> posted = ledger.transfersOf(eventId);
    List<Transfer> debits =
        posted.stream()
            .filter(t -> t.debit().equals(account) && DEBITS.contains(t.code()))
            .toList();
    List<Transfer> credits =
        posted.stream()
            .filter(
                t ->
                    t.credit().equals(account)
                        && t.code().equals(TransferCode.SERVICE_RECORDED.name()))
            .toList();
    List<Transfer> disputed = debits.isEmpty() ? credits : debits;
    if (disputed.isEmpty()) {
      throw ApiException.notFound(
          "event "
              + eventId
              + " is no redemption, gift or donation that debited volunteer "
              + volunteerId
              + ", nor a service recorded for them");
    }
    boolean service = debits.isEmpty();
    String postingNode = disputed.get(0).nodeId();
    String home = volunteers.homeOf(volunteerId).orElse(null);
    String role = service ? serviceRole(raiser, postingNode) : debitRole(raiser, volunteerId, home);
    if (posted.stream().anyMatch(t -> ledger.isReversed(t.id()))) {
      throw ApiException.conflict("ALREADY_REVERSED", "event " + eventId + " was reversed already");
    }
    Instant now = clock.instant();
    Instant postedAt = disputed.get(0).postedAt();
    Rulebook rules = Rulebooks.current();
    int window = rules.consent() == null ? 0 : rules.consent().disputeWindowDays();
    if (postedAt.plus(Duration.ofDays(window)).isBefore(now)) {
      throw ApiException.conflict(
          "DISPUTE_WINDOW_CLOSED",
          (service ? "service record " : "debit ")
              + eventId
              + " was posted at "
              + postedAt
              + "; rulebook "
              + rules.version()
              + " lets it be disputed for "
              + window
              + " days");
    }
    DisputeRepository.Dispute dispute =
        new DisputeRepository.Dispute(
            UUID.randomUUID(),
            service ? DisputeRepository.SERVICE : "DEBIT",
            volunteerId,
            eventId,
            postingNode,
            home,
            disputed.stream().mapToLong(Transfer::amountMinutes).sum(),
            disputed.get(0).code(),
            role,
            raiser.subject(),
            reason,
            "OPEN",
            null,
            null,
            null,
            now,
            null);
    if (!disputes.open(dispute)) {
      throw ApiException.conflict(
          "ALREADY_DISPUTED", "event " + eventId + " has an open or upheld dispute already");
    }
    String detail =
        "volunteer "
            + volunteerId
            + "'s "
            + dispute.eventCode()
            + " of "
            + dispute.minutes()
            + " minutes at "
            + postingNode
            + " (event "
            + eventId
            + ") is disputed"
            + (role.equals("RECIPIENT") ? " for the recipient" : "")
            + ": "
            + reason;
    String id = dispute.disputeId().toString();
    if (service) {
      notifications.tell(null, volunteerId, Notifications.Kind.SERVICE_DISPUTED, id, detail);
      if (home != null && !home.equals(postingNode)) {
        notifications.tell(home, null, Notifications.Kind.SERVICE_DISPUTED, id, detail);
      }
    } else {
      notifications.tell(postingNode, null, Notifications.Kind.DEBIT_DISPUTED, id, detail);
      if (home != null && !home.equals(postingNode)) {
        notifications.tell(home, null, Notifications.Kind.DEBIT_DISPUTED, id, detail);
      }
    }
    return dispute;
  }

  private static String debitRole(Raiser raiser, String volunteerId, String home) {
    if (raiser.forRecipient()) {
      throw ApiException.invalid(
          "complainant",
          "INVALID_FIELD",
          "RECIPIENT is for a service record; a debit is disputed by the volunteer or their home"
              + " bank");
    }
    if (volunteerId.equals(raiser.volunteerId())) {
      return "VOLUNTEER";
    }
    if (raiser.nodeId() != null && raiser.nodeId().equals(home)) {
      return "HOME_BANK";
    }
    throw ApiException.forbidden(
        "only volunteer " + volunteerId + " or their home bank may dispute their debits");
  }

  private static String serviceRole(Raiser raiser, String recordingNode) {
    if (recordingNode.equals(raiser.nodeId())) {
      return raiser.forRecipient() ? "RECIPIENT" : "RECORDING_BANK";
    }
    throw ApiException.forbidden(
        "only "
            + recordingNode
            + ", the bank that recorded the service, may dispute it, for itself or for the"
            + " recipient");
  }

  /**
   * The operator's decision. Upheld, a debit's minutes go back to the volunteer from the debiting
   * bank's issue; a service record's credit is taken back.
   *
   * @throws ApiException 404 for an unknown dispute, 409 unless it is open or when the service
   *     record was reversed meanwhile
   */
  @Transactional
  public DisputeRepository.Dispute decide(
      UUID disputeId, boolean upheld, String reason, String decidedBy) {
    DisputeRepository.Dispute d = open(disputeId);
    boolean service = d.kind().equals(DisputeRepository.SERVICE);
    Instant now = clock.instant();
    UUID compensation = null;
    if (upheld) {
      compensation = UUID.randomUUID();
      if (service) {
        takeBack(d, compensation, now);
      } else {
        compensate(d, compensation);
      }
    }
    disputes.decide(
        disputeId, upheld ? "UPHELD" : "REJECTED", decidedBy, reason, compensation, now);
    String outcome;
    if (!upheld) {
      outcome = "rejected";
    } else if (service) {
      outcome =
          "upheld: the " + d.minutes() + " minutes credited are taken back from the volunteer";
    } else {
      outcome =
          "upheld: "
              + d.minutes()
              + " minutes go back to the volunteer at "
              + d.postingNodeId()
              + "'s cost";
    }
    String detail =
        "the dispute of "
            + d.eventCode()
            + " event "
            + d.eventId()
            + " was "
            + outcome
            + "; "
            + reason;
    Notifications.Kind kind =
        service
            ? Notifications.Kind.SERVICE_DISPUTE_DECIDED
            : Notifications.Kind.DEBIT_DISPUTE_DECIDED;
    String id = disputeId.toString();
    notifications.tell(null, d.volunteerId(), kind, id, detail);
    notifications.tell(d.postingNodeId(), null, kind, id, detail);
    if (d.homeNodeId() != null && !d.homeNodeId().equals(d.postingNodeId())) {
      notifications.tell(d.homeNodeId(), null, kind, id, detail);
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
            Account.bankIssued(d.postingNodeId()),
            Account.volunteer(d.volunteerId()),
            d.minutes(),
            TransferCode.DISPUTE_UPHELD,
            ProcessedEvents.HUB));
    logHubEvent(session, d, eventId, UPHELD_EVENT, "tbx/v1/dispute-upheld");
  }

  /**
   * Reverses every transfer of the disputed deposit (the credit, and any cap overflow to a pool)
   * and the minutes it turned into honours, as an event of the hub, and logs it. Like a bank's own
   * correction, the volunteer's balance may go below zero when the minutes were spent meanwhile.
   */
  private void takeBack(DisputeRepository.Dispute d, UUID eventId, Instant now) {
    LedgerSession session = new LedgerSession(ledger);
    for (Transfer t : session.transfersOf(d.eventId())) {
      if (session.isReversed(t.id())) {
        throw ApiException.conflict(
            "ALREADY_REVERSED",
            "service record "
                + d.eventId()
                + " was reversed by "
                + d.postingNodeId()
                + " while disputed; withdraw or reject the dispute");
      }
      session.post(t.reversal(eventId, ProcessedEvents.HUB, TransferCode.SERVICE_DISPUTE_UPHELD));
    }
    honours.reverse(d.eventId(), eventId, now);
    logHubEvent(session, d, eventId, SERVICE_UPHELD_EVENT, "tbx/v1/service-dispute-upheld");
  }

  private void logHubEvent(
      LedgerSession session,
      DisputeRepository.Dispute d,
      UUID eventId,
      String eventType,
      String domain) {
    hubEvents.record(
        session,
        eventId,
        eventType,
        domain
            + "\ndispute "
            + d.disputeId()
            + "\nevent "
            + d.eventId()
            + "\nvolunteer "
            + d.volunteerId()
            + "\nminutes "
            + d.minutes()
            + "\n",
        d.volunteerId());
  }
}
