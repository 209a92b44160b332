package org.tbx.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.HoursGifted;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.RedemptionRequested;
import org.tbx.protocol.v1.Relation;
import org.tbx.protocol.v1.ServiceRecorded;
import org.tbx.protocol.v1.VolunteerEnrolled;

/** Deterministic keys, events and batches for tests and the conformance vectors. */
public final class Fixtures {

  public static final String NODE = "guilin";
  public static final Instant T0 = Instant.parse("2026-11-28T09:30:00Z");

  private Fixtures() {}

  /**
   * @return the key pair whose 32-byte seed is {@code seedByte} repeated: the same keys on every
   *     run
   */
  public static KeyPair keys(int seedByte) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(
          NamedParameterSpec.ED25519,
          new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
              Arrays.fill(bytes, (byte) seedByte);
            }
          });
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @return a deterministic UUID-shaped id
   */
  public static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  public static NodeEvent enrolled(long sequence, String volunteerId) {
    return event(
        sequence,
        new VolunteerEnrolled(
            volunteerId, LocalDate.of(1956, 3, 8), AccountType.INDIVIDUAL, null, null, null));
  }

  public static NodeEvent deposit(long sequence, String volunteerId, int minutes) {
    return event(
        sequence,
        new ServiceRecorded(
            volunteerId,
            "MEAL_ASSIST",
            "r-" + sequence,
            T0,
            minutes,
            minutes,
            1,
            new Evidence(
                ConfirmationMethod.APP_CHECK_IN_OUT,
                "app:guilin",
                List.of("r-" + sequence),
                T0,
                T0.plusSeconds(60L * minutes))));
  }

  public static NodeEvent redemption(long sequence, String volunteerId, int minutes) {
    return event(
        sequence,
        new RedemptionRequested(
            id(9000 + (int) sequence),
            volunteerId,
            "b-mother",
            Relation.PARENT,
            LocalDate.of(1940, 5, 1),
            "MEDICAL_ESCORT",
            minutes,
            null));
  }

  public static NodeEvent gift(long sequence, String from, String to, int minutes) {
    return event(sequence, new HoursGifted(from, to, Relation.PARENT, minutes, null));
  }

  public static NodeEvent event(long sequence, Object payload) {
    return NodeEvent.newBuilder()
        .setEventId(id((int) sequence))
        .setNodeId(NODE)
        .setSequence(sequence)
        .setOccurredAt(T0)
        .setRecordedAt(T0.plusSeconds(300))
        .setPayload(payload)
        .build();
  }

  public static NodeBatch batch(byte[] previousHash, NodeEvent... events) {
    return NodeBatch.newBuilder()
        .setNodeId(NODE)
        .setFirstSequence(events[0].getSequence())
        .setPreviousBatchHash(BatchCodec.sha256(previousHash))
        .setEvents(new ArrayList<>(List.of(events)))
        .build();
  }
}
