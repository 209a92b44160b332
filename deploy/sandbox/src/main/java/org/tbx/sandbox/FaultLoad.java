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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.consent.Consents;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.IdentityVerification;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.RedemptionSettled;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;
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

  /** One bank's records, in stream order. */
  record Bank(String node, List<byte[]> records, int events) {}

  /** Where a bank's stream stands after its sealed records, and its redemptions. */
  private record Stream(
      KeyPair keys, long lastSequence, byte[] lastHash, List<String> redemptionIds) {}

  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  private final Map<String, Long> expected = new HashMap<>();
  private int deposits;
  private int gifts;
  private int redemptions;
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
      credit(volunteer, MINUTES);
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
      credit(giver(node, g), FUNDING);
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
      credit(from, -GIFT);
      credit(giver(node, g + 1), GIFT);
      postedMinutes += GIFT;
      gifts++;
    }
    for (int g = 0; g < GIVERS; g++) {
      String volunteer = giver(node, g);
      String redemptionId = UUID.randomUUID().toString();
      redemptionIds.add(redemptionId);
      payloads.add(
          new RedemptionRequested(
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
                  keys.get(g).getPrivate(),
                  keys.get(g).getPublic())));
      credit(volunteer, -USED);
      postedMinutes += USED;
      redemptions++;
    }
    return payloads;
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
    return Benchmark.sealInBatches(
            node,
            stream.keys(),
            payloads,
            payloads.size(),
            Instant.now(),
            stream.lastSequence() + 1,
            stream.lastHash())
        .records()
        .get(0);
  }

  private static String giver(String node, int g) {
    return "g-" + node + "-" + g;
  }

  private void credit(String volunteer, long minutes) {
    expected.merge(volunteer, minutes, Long::sum);
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
   * @return the redemptions of every bank, each settled by its bank's {@link #settlements} batch
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
