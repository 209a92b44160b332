package org.tbx.sandbox;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.consent.Consents;
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
import org.tbx.protocol.v1.VolunteerEnrolled;

/**
 * The fault harness's load: each bank's stream of signed batches, mostly deposits for 1,000 shared
 * volunteers, with a giving section in the middle (the bank enrolls its own givers with their
 * consent keys, credits them, and each gives to the next with a signed consent), and what every
 * balance and total must add up to afterwards. Each giver also asks to redeem minutes for themself;
 * once the hub has authorized them, {@link #settlements} seals the batch that settles them,
 * continuing the bank's stream.
 */
final class FaultLoad {

  static final int PER_BATCH = 100;
  static final int VOLUNTEERS = 1_000;
  static final int MINUTES = 30;
  static final int GIVERS = 20;
  static final int FUNDING = 60;
  static final int GIFT = 20;
  static final int REDEEM = 10;
  static final int USED = 8;

  /** Givers of each bank who also redeem at the next bank (a visit), once home is settled in. */
  static final int VISITORS = 5;

  /** One bank's records, in stream order. */
  record Bank(String node, List<byte[]> records, int events) {}

  /** Where a bank's stream stands after its sealed records, and its redemptions. */
  private record Stream(
      KeyPair keys, long lastSequence, byte[] lastHash, List<String> redemptionIds) {}

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  private final Map<String, Long> expected = new HashMap<>();

  /** Per bank, per volunteer: the minutes the bank's own events credited and debited. */
  private final Map<String, Map<String, long[]>> byBank = new ConcurrentHashMap<>();

  /** Each giver's consent key, by volunteer id. */
  private final Map<String, KeyPair> consentKeys = new ConcurrentHashMap<>();

  /** Minutes earned at one bank and spent at another: "earned -> spent" to minutes. */
  private final Map<String, Long> crossFlows = new ConcurrentHashMap<>();

  private int deposits;
  private int gifts;
  private int redemptions;
  private int statements;
  private int visitEvents;
  private int events;
  private long postedMinutes;

  /**
   * Seals a bank's stream: {@code share} deposits, with its giving section after the first half.
   */
  Bank bank(String node, KeyPair keys, int share) {
    Instant at = Instant.parse("2026-11-28T09:00:00Z");
    Evidence evidence =
        new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "fault", List.of(), null, null);
    List<Object> payloads = new ArrayList<>();
    List<String> redemptions = new ArrayList<>();
    for (int d = 1; d <= share; d++) {
      if (d == share / 2 + 1) {
        payloads.addAll(giving(node, evidence, at, redemptions));
      }
      String volunteer = "v-" + (d % VOLUNTEERS);
      payloads.add(
          new ServiceRecorded(volunteer, "MEAL_ASSIST", "r-1", at, MINUTES, MINUTES, 1, evidence));
      credit(node, volunteer, MINUTES);
      postedMinutes += MINUTES;
      deposits++;
    }
    if (share < 2) {
      payloads.addAll(giving(node, evidence, at, redemptions));
    }
    Benchmark.SealedStream sealed =
        Benchmark.sealInBatches(node, keys, payloads, PER_BATCH, at, 1, BatchCodec.GENESIS_HASH);
    List<byte[]> records = sealed.records();
    streams.put(node, new Stream(keys, payloads.size(), sealed.lastHash(), redemptions));
    events += payloads.size();
    return new Bank(node, records, payloads.size());
  }

  /**
   * The bank's givers enrolled at home with their consent keys, each credited {@link #FUNDING}
   * minutes, and each but the last giving {@link #GIFT} to the next, consent signed for this bank.
   */
  private List<Object> giving(
      String node, Evidence evidence, Instant at, List<String> redemptionIds) {
    List<Object> payloads = new ArrayList<>();
    List<KeyPair> keys = new ArrayList<>();
    for (int g = 0; g < GIVERS; g++) {
      KeyPair key = Ed25519Keys.generate();
      keys.add(key);
      consentKeys.put(giver(node, g), key);
      payloads.add(
          new VolunteerEnrolled(
              giver(node, g),
              LocalDate.of(1960, 1, 1),
              AccountType.INDIVIDUAL,
              null,
              new IdentityVerification(VerificationMethod.ID_CARD_AND_FACE, "staff-fault"),
              ByteBuffer.wrap(Ed25519Keys.rawPublicKey(key.getPublic()))));
      payloads.add(
          new ServiceRecorded(
              giver(node, g), "MEAL_ASSIST", "r-2", at, FUNDING, FUNDING, 1, evidence));
      credit(node, giver(node, g), FUNDING);
      postedMinutes += FUNDING;
      deposits++;
    }
    Instant expires = Instant.now().plus(Duration.ofDays(7));
    for (int g = 0; g + 1 < GIVERS; g++) {
      String from = giver(node, g);
      payloads.add(
          new HoursGifted(
              from,
              giver(node, g + 1),
              Relation.SIBLING,
              GIFT,
              Consents.sign(
                  UUID.randomUUID().toString(),
                  from,
                  node,
                  ConsentPurpose.GIFT,
                  GIFT,
                  expires,
                  keys.get(g).getPrivate(),
                  keys.get(g).getPublic())));
      credit(node, from, -GIFT);
      credit(node, giver(node, g + 1), GIFT);
      postedMinutes += GIFT;
      gifts++;
    }
    for (int g = 0; g < GIVERS; g++) {
      payloads.add(redemption(node, giver(node, g), expires, redemptionIds));
    }
    return payloads;
  }

  /**
   * A redemption of {@link #REDEEM} minutes for the volunteer at {@code node}, with a consent the
   * volunteer signed for {@code node}; it will be settled for {@link #USED}.
   */
  private RedemptionRequested redemption(
      String node, String volunteer, Instant expires, List<String> redemptionIds) {
    String redemptionId = UUID.randomUUID().toString();
    redemptionIds.add(redemptionId);
    KeyPair key = consentKeys.get(volunteer);
    credit(node, volunteer, -USED);
    postedMinutes += USED;
    redemptions++;
    return new RedemptionRequested(
        redemptionId,
        volunteer,
        "self",
        Relation.SELF,
        LocalDate.of(1960, 1, 1),
        "MEAL_ASSIST",
        REDEEM,
        Consents.sign(
            UUID.randomUUID().toString(),
            volunteer,
            node,
            ConsentPurpose.REDEMPTION,
            REDEEM,
            expires,
            key.getPrivate(),
            key.getPublic()));
  }

  /**
   * Seals the batch in which {@code node} enrolls the last {@link #VISITORS} givers of {@code home}
   * as visitors and asks to redeem {@link #REDEEM} minutes for each, with consents they signed for
   * {@code node}, continuing its stream. Send it once the home bank's enrollments are applied: the
   * first bank to enroll a volunteer becomes their home.
   */
  byte[] visits(String node, String home) {
    List<Object> payloads = new ArrayList<>();
    List<String> redemptionIds = new ArrayList<>(streams.get(node).redemptionIds());
    Instant expires = Instant.now().plus(Duration.ofDays(7));
    for (int g = GIVERS - VISITORS; g < GIVERS; g++) {
      String volunteer = giver(home, g);
      payloads.add(
          new VolunteerEnrolled(
              volunteer,
              LocalDate.of(1960, 1, 1),
              AccountType.INDIVIDUAL,
              null,
              new IdentityVerification(VerificationMethod.ID_CARD_AND_FACE, "staff-visit"),
              null));
      payloads.add(redemption(node, volunteer, expires, redemptionIds));
      crossFlows.merge(home + " -> " + node, (long) USED, Long::sum);
    }
    visitEvents += payloads.size();
    byte[] record = continueStream(node, payloads);
    Stream stream = streams.get(node);
    streams.put(
        node, new Stream(stream.keys(), stream.lastSequence(), stream.lastHash(), redemptionIds));
    return record;
  }

  /**
   * Seals the batch that settles every redemption of the bank for {@link #USED} of its {@link
   * #REDEEM} minutes, continuing its stream.
   *
   * @param holds the hold the hub authorized for each redemption id
   */
  byte[] settlements(String node, Map<String, UUID> holds) {
    Stream stream = streams.get(node);
    List<Object> payloads = new ArrayList<>();
    for (String redemptionId : stream.redemptionIds()) {
      UUID hold = holds.get(redemptionId);
      if (hold == null) {
        throw new IllegalStateException(
            "the hub authorized no hold for redemption " + redemptionId);
      }
      payloads.add(new RedemptionSettled(redemptionId, hold.toString(), USED));
    }
    return continueStream(node, payloads);
  }

  /**
   * Seals the bank's statement of its whole stream so far (one part: each volunteer's minutes its
   * events credited and debited, as PROTOCOL section 6 defines them), continuing its stream.
   */
  byte[] statement(String node) {
    long asOf = streams.get(node).lastSequence();
    List<StatementLine> lines = new ArrayList<>();
    long credited = 0;
    long debited = 0;
    for (Map.Entry<String, long[]> e : new TreeMap<>(byBank.get(node)).entrySet()) {
      lines.add(new StatementLine(e.getKey(), e.getValue()[0], e.getValue()[1]));
      credited += e.getValue()[0];
      debited += e.getValue()[1];
    }
    statements++;
    return continueStream(
        node,
        List.of(
            new BalanceStatement(
                UUID.randomUUID().toString(),
                asOf,
                1,
                1,
                new ControlTotals(asOf, credited, debited),
                lines)));
  }

  /** Seals payloads as one batch after the bank's last sealed sequence and moves its head. */
  private byte[] continueStream(String node, List<Object> payloads) {
    Stream stream = streams.get(node);
    Benchmark.SealedStream sealed =
        Benchmark.sealInBatches(
            node,
            stream.keys(),
            payloads,
            payloads.size(),
            Instant.now(),
            stream.lastSequence() + 1,
            stream.lastHash());
    streams.put(
        node,
        new Stream(
            stream.keys(),
            stream.lastSequence() + payloads.size(),
            sealed.lastHash(),
            stream.redemptionIds()));
    return sealed.records().get(0);
  }

  private static String giver(String node, int g) {
    return "g-" + node + "-" + g;
  }

  private void credit(String node, String volunteer, long minutes) {
    expected.merge(volunteer, minutes, Long::sum);
    long[] figures =
        byBank
            .computeIfAbsent(node, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(volunteer, k -> new long[2]);
    figures[minutes >= 0 ? 0 : 1] += Math.abs(minutes);
  }

  /**
   * @return each volunteer's balance once every event is applied
   */
  Map<String, Long> expectedBalances() {
    return Map.copyOf(expected);
  }

  /**
   * @return the events of every bank's sealed records, settlements not included
   */
  int events() {
    return events;
  }

  /**
   * @return every event the hub applies: the sealed records', the settlements and the statements
   */
  int allEvents() {
    return events + visitEvents + redemptions + statements;
  }

  /**
   * @return the events of the visit batches ({@link #visits})
   */
  int visitEvents() {
    return visitEvents;
  }

  /**
   * @return the minutes each bank's visitors earned at home and spent there, by "home -> bank"
   */
  Map<String, Long> crossFlows() {
    return Map.copyOf(crossFlows);
  }

  /**
   * @return the statements sealed so far, one per bank once the run is settled
   */
  int statements() {
    return statements;
  }

  /**
   * @return the redemptions of every bank, at home and by visitors, each settled by the bank's
   *     {@link #settlements} batch
   */
  int redemptions() {
    return redemptions;
  }

  /**
   * @return the deposits (service records) of every bank
   */
  int deposits() {
    return deposits;
  }

  /**
   * @return the gifts of every bank
   */
  int gifts() {
    return gifts;
  }

  /**
   * @return the minutes every posting moves, summed: the ledger's total debits (and credits)
   */
  long postedMinutes() {
    return postedMinutes;
  }
}
