package org.tbx.sandbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tbx.infra.TestVolunteer;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.IdentityVerification;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.StatementLine;
import org.tbx.protocol.v1.VerificationMethod;
import org.tbx.protocol.v1.VolunteerConsent;
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * One bank of the load generator: its stream, the volunteers it serves, and the batches it sends, a
 * mix of deposits, cross-region redemptions of its visitors (settled once authorized), gifts of its
 * own travellers to relatives and, now and then, a statement of its books, which it keeps as a bank
 * would: per volunteer, the minutes its own events credited and debited.
 */
final class LoadBank {

  /** What an event of the timed run is, for its latency. */
  enum Kind {
    DEPOSIT,
    REDEMPTION,
    SETTLEMENT,
    GIFT,
    STATEMENT,
    OTHER
  }

  /** A hold the hub authorized, waiting to be settled in the bank's next batch. */
  record Authorized(String redemptionId, String holdId, int minutes) {}

  static final int MINUTES = 5;
  private static final int LINES_PER_PART = 2_000;
  private static final Instant SERVED = Instant.parse("2026-11-28T09:00:00Z");
  private static final Evidence EVIDENCE =
      new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "load", List.of(), null, null);

  final BankStream stream;
  final int index;
  private final int volunteers;
  final List<TestVolunteer> travellers = new ArrayList<>();
  private List<TestVolunteer> visitors = List.of();
  final ConcurrentLinkedQueue<Authorized> toSettle = new ConcurrentLinkedQueue<>();

  /** Redemptions requested and not yet settled: whose minutes they are. */
  private final Map<String, String> requested = new ConcurrentHashMap<>();

  /** The bank's books: credited and debited minutes per volunteer, by its own events. */
  private final Map<String, long[]> books = new TreeMap<>();

  private final ArrayDeque<VolunteerConsent> consents = new ArrayDeque<>();
  private final ArrayDeque<VolunteerConsent> giftConsents = new ArrayDeque<>();
  private long eventsSent;
  private long statementEventsSent;
  private int nextDeposit;
  private int nextRedemption;
  private int nextGift;

  /** Per sequence of the timed run: when its batch was due and what the event is. */
  private long[] due = new long[0];

  private Kind[] kinds = new Kind[0];
  private long firstTimedSequence = Long.MAX_VALUE;

  LoadBank(int index, String node, int volunteers, int travellers) {
    this.index = index;
    this.stream = new BankStream(node);
    this.volunteers = volunteers;
    for (int t = 0; t < travellers; t++) {
      this.travellers.add(new TestVolunteer("v-" + node + "-t" + t));
    }
  }

  /**
   * @return the first batch: the travellers enrolled with their consent keys and credited a day of
   *     service forty times each, so redemptions and gifts have minutes to draw on
   */
  byte[] enrolTravellers() {
    List<Object> events = new ArrayList<>();
    for (TestVolunteer v : travellers) {
      events.add(enrolment(v, true));
      for (int d = 0; d < 40; d++) {
        events.add(credit(v.id, 1440));
      }
    }
    if (events.isEmpty()) {
      events.add(credit(volunteer(0), 30));
    }
    return seal(events);
  }

  /**
   * @return the second batch: another bank's travellers enrolled here as visitors
   */
  byte[] enrolVisitors(List<TestVolunteer> from) {
    this.visitors = from;
    List<Object> events = new ArrayList<>();
    for (TestVolunteer v : from) {
      events.add(enrolment(v, false));
    }
    if (events.isEmpty()) {
      events.add(credit(volunteer(0), 30));
    }
    return seal(events);
  }

  /**
   * Makes room for the timed run's {@code batches} batches of {@code perBatch} events and signs the
   * volunteers' consents its redemptions and gifts will carry, before the clock starts.
   */
  void plan(int batches, int perBatch, int redemptions, int gifts) {
    firstTimedSequence = eventsSent + 1;
    due = new long[batches * perBatch];
    kinds = new Kind[batches * perBatch];
    Instant expires = Instant.now().plus(Duration.ofHours(2));
    for (int r = 0; r < redemptions && !visitors.isEmpty(); r++) {
      consents.add(
          visitors
              .get(r % visitors.size())
              .consent(stream.node, ConsentPurpose.REDEMPTION, MINUTES, expires));
    }
    for (int g = 0; g < gifts && !travellers.isEmpty(); g++) {
      giftConsents.add(
          travellers
              .get(g % travellers.size())
              .consent(stream.node, ConsentPurpose.GIFT, MINUTES, expires));
    }
  }

  /**
   * Seals the next batch of the timed run: a statement first when one is due, the holds authorized
   * since the last batch settled, then redemptions and gifts at their share, deposits for the rest.
   *
   * @param redemptions redemption requests in this batch (ignored without visitors)
   * @param gifts gifts in this batch (ignored without travellers)
   * @param answerDue where each redemption's and statement's id is put with the batch's due time,
   *     for the latency of its answer (authorization or reconciliation)
   */
  byte[] next(
      int perBatch,
      boolean statement,
      int redemptions,
      int gifts,
      long dueAt,
      Map<String, Long> answerDue) {
    List<Object> events = new ArrayList<>(perBatch);
    List<Kind> what = new ArrayList<>(perBatch);
    if (statement) {
      for (BalanceStatement part : statement(perBatch / 4)) {
        events.add(part);
        what.add(Kind.STATEMENT);
        answerDue.put(part.getStatementId(), dueAt);
      }
    }
    Authorized hold;
    while (events.size() < perBatch / 2 && (hold = toSettle.poll()) != null) {
      events.add(new RedemptionSettled(hold.redemptionId(), hold.holdId(), hold.minutes()));
      book(requested.remove(hold.redemptionId()), 0, hold.minutes());
      what.add(Kind.SETTLEMENT);
    }
    for (int r = 0; r < redemptions && !consents.isEmpty() && events.size() < perBatch; r++) {
      VolunteerConsent consent = consents.poll();
      TestVolunteer v = visitors.get(nextRedemption++ % visitors.size());
      String id = "r-" + index + "-" + v.id + "-" + UUID.randomUUID();
      events.add(
          new RedemptionRequested(
              id,
              v.id,
              "parent-of-" + v.id,
              Relation.PARENT,
              LocalDate.of(1948, 4, 2),
              "MEDICAL_ESCORT",
              MINUTES,
              consent));
      requested.put(id, v.id);
      answerDue.put(id, dueAt);
      what.add(Kind.REDEMPTION);
    }
    for (int g = 0; g < gifts && !giftConsents.isEmpty() && events.size() < perBatch; g++) {
      TestVolunteer giver = travellers.get(nextGift % travellers.size());
      String to = volunteer(nextGift++);
      events.add(new HoursGifted(giver.id, to, Relation.PARENT, MINUTES, giftConsents.poll()));
      book(giver.id, 0, MINUTES);
      book(to, MINUTES, 0);
      what.add(Kind.GIFT);
    }
    while (events.size() < perBatch) {
      events.add(credit(volunteer(nextDeposit++), 30));
      what.add(Kind.DEPOSIT);
    }
    long first = eventsSent + 1 - firstTimedSequence;
    for (int e = 0; e < what.size(); e++) {
      due[(int) first + e] = dueAt;
      kinds[(int) first + e] = what.get(e);
    }
    return seal(events);
  }

  /**
   * @return the sequence of the last event sealed
   */
  long lastSequence() {
    return eventsSent;
  }

  /**
   * @return the kind of the event with this sequence, or null before the timed run
   */
  Kind kind(long sequence) {
    long i = sequence - firstTimedSequence;
    return i < 0 || i >= kinds.length ? null : kinds[(int) i];
  }

  /**
   * @return when the batch holding the event with this sequence was due (timed run only)
   */
  long due(long sequence) {
    return due[(int) (sequence - firstTimedSequence)];
  }

  /**
   * @return how many events of each kind the timed run holds in batches due from {@code from} on
   */
  Map<Kind, Long> counts(long from) {
    Map<Kind, Long> out = new EnumMap<>(Kind.class);
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] != null && due[i] >= from) {
        out.merge(kinds[i], 1L, Long::sum);
      }
    }
    return out;
  }

  private List<BalanceStatement> statement(int maxParts) {
    long asOf = eventsSent;
    long credited = 0;
    long debited = 0;
    List<StatementLine> lines = new ArrayList<>(books.size());
    for (Map.Entry<String, long[]> e : books.entrySet()) {
      long[] f = e.getValue();
      lines.add(new StatementLine(e.getKey(), f[0], f[1]));
      credited += f[0];
      debited += f[1];
    }
    int parts = Math.max(1, (lines.size() + LINES_PER_PART - 1) / LINES_PER_PART);
    if (parts > maxParts) {
      throw new IllegalStateException(
          "a statement of "
              + lines.size()
              + " volunteers needs "
              + parts
              + " parts; batches of this size hold "
              + maxParts
              + ": send larger batches or fewer volunteers per bank");
    }
    ControlTotals totals = new ControlTotals(asOf - statementEventsSent, credited, debited);
    String id = UUID.randomUUID().toString();
    List<BalanceStatement> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      List<StatementLine> chunk =
          lines.subList(p * LINES_PER_PART, Math.min(lines.size(), (p + 1) * LINES_PER_PART));
      out.add(new BalanceStatement(id, asOf, p + 1, parts, totals, List.copyOf(chunk)));
    }
    statementEventsSent += parts;
    return out;
  }

  /**
   * @return the volunteer's enrollment, at home (face checked, consent key registered) or as a
   *     visitor
   */
  static VolunteerEnrolled enrolment(TestVolunteer v, boolean home) {
    return new VolunteerEnrolled(
        v.id,
        LocalDate.of(1980, 1, 1),
        AccountType.INDIVIDUAL,
        null,
        new IdentityVerification(
            home ? VerificationMethod.ID_CARD_AND_FACE : VerificationMethod.ID_CARD,
            home ? "clerk-1" : "clerk-2"),
        home ? ByteBuffer.wrap(Ed25519Keys.rawPublicKey(v.key.getPublic())) : null);
  }

  private ServiceRecorded credit(String volunteer, int minutes) {
    book(volunteer, minutes, 0);
    return new ServiceRecorded(
        volunteer, "MEAL_ASSIST", "r-1", SERVED, minutes, minutes, 1, EVIDENCE);
  }

  private void book(String volunteer, long credited, long debited) {
    long[] f = books.computeIfAbsent(volunteer, k -> new long[2]);
    f[0] += credited;
    f[1] += debited;
  }

  private String volunteer(int n) {
    return "v-" + stream.node + "-" + (n % volunteers);
  }

  private byte[] seal(List<Object> events) {
    eventsSent += events.size();
    return stream.seal(events.toArray());
  }
}
