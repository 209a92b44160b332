package org.tbx.hub.consent;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.volunteer.VolunteerFacts;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.consent.Consents;
import org.tbx.protocol.v1.ConsentPurpose;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.VolunteerConsent;

/**
 * Who may debit a volunteer's minutes (PROTOCOL.md section 14): only a bank that enrolled the
 * volunteer (verified their real name), and, where the rulebook asks for it, with the volunteer's
 * consent signed by the consent key their home bank registered, for this bank, this purpose, at
 * most this many minutes, not expired, used once.
 */
@ApplicationScoped
public class DebitAuthority {

  /** Why a debit is refused: a reason code of its own and what the bank can do about it. */
  public record Refusal(ReasonCode reason, String detail) {}

  /**
   * What a debit asks: the bank, the volunteer, the minutes, what for, and the consent it carries
   * (or null).
   */
  public record Debit(
      UUID eventId,
      String nodeId,
      String volunteerId,
      long minutes,
      ConsentPurpose purpose,
      VolunteerConsent consent,
      boolean consentRequired) {}

  /**
   * What one transaction knows of the volunteers it debits and of their consents, read in one go
   * per Kafka record ({@link #prepare}) when it is a poll's.
   */
  private static final class Known implements UnitOfWork.Deferred {
    final VolunteerFacts volunteers;
    final ConsentUses uses;
    final Set<String> looked = new HashSet<>();
    final Set<String> used = new HashSet<>();
    final List<ConsentUses.Use> unwritten = new ArrayList<>();

    Known(VolunteerFacts volunteers, ConsentUses uses) {
      this.volunteers = volunteers;
      this.uses = uses;
    }

    @Override
    public void write() {
      uses.useAll(unwritten);
      unwritten.clear();
    }
  }

  private final VolunteerRepository volunteers;
  private final ConsentUses uses;

  DebitAuthority(VolunteerRepository volunteers, ConsentUses uses) {
    this.volunteers = volunteers;
    this.uses = uses;
  }

  /**
   * Reads, in a few queries, what the debits of one Kafka record will check: the volunteers'
   * enrollments and consent keys, and which of the consents were used before.
   */
  public void prepare(
      UnitOfWork work, Collection<String> volunteerIds, Collection<VolunteerConsent> consents) {
    Known known = known(work);
    known.volunteers.prefetchDebits(volunteerIds);
    look(
        known,
        consents.stream().filter(c -> c != null).map(VolunteerConsent::getConsentId).toList());
  }

  /**
   * @return why the debit may not happen, if it may not; nothing is recorded
   */
  public Optional<Refusal> check(UnitOfWork work, Debit d) {
    return check(known(work), d, work.now());
  }

  /**
   * @return why the debit may not happen, if it may not, outside a poll; nothing is recorded
   */
  public Optional<Refusal> check(Debit d, Instant now) {
    return check(new Known(new VolunteerFacts(volunteers), uses), d, now);
  }

  private Known known(UnitOfWork work) {
    // Two steps: UnitOfWork.local must not be called from inside its own supplier.
    VolunteerFacts facts = work.local(VolunteerFacts.class, () -> new VolunteerFacts(volunteers));
    return work.local(
        Known.class,
        () -> {
          Known known = new Known(facts, uses);
          work.defer(known);
          return known;
        });
  }

  private void look(Known known, Collection<String> consentIds) {
    List<String> unknown =
        consentIds.stream().filter(id -> !known.looked.contains(id)).distinct().toList();
    if (!unknown.isEmpty()) {
      known.used.addAll(uses.used(unknown));
      known.looked.addAll(unknown);
    }
  }

  private Optional<Refusal> check(Known known, Debit d, Instant now) {
    if (known.volunteers.enrollment(d.volunteerId(), d.nodeId()).isEmpty()) {
      return refuse(
          ReasonCode.NOT_ENROLLED_AT_BANK,
          "bank "
              + d.nodeId()
              + " has not enrolled volunteer "
              + d.volunteerId()
              + ": only a bank that verified the person's real name may debit their minutes (send"
              + " VolunteerEnrolled first)");
    }
    VolunteerConsent c = d.consent();
    if (c == null) {
      return d.consentRequired()
          ? refuse(
              ReasonCode.CONSENT_REQUIRED,
              "this "
                  + d.purpose().name().toLowerCase()
                  + " of "
                  + d.minutes()
                  + " minutes needs the volunteer's consent, signed with the consent key their home bank registered")
          : Optional.empty();
    }
    if (!c.getVolunteerId().equals(d.volunteerId()) || c.getPurpose() != d.purpose()) {
      return refuse(
          ReasonCode.CONSENT_INVALID,
          "the consent is for "
              + c.getPurpose()
              + " of volunteer "
              + c.getVolunteerId()
              + ", not this "
              + d.purpose()
              + " of "
              + d.volunteerId());
    }
    if (!c.getNodeId().equals(d.nodeId())) {
      return refuse(
          ReasonCode.CONSENT_WRONG_BANK,
          "the volunteer consented to bank " + c.getNodeId() + ", not to " + d.nodeId());
    }
    if (d.minutes() > c.getMaxMinutes()) {
      return refuse(
          ReasonCode.CONSENT_ABOVE_CEILING,
          "the volunteer consented to at most "
              + c.getMaxMinutes()
              + " minutes, "
              + d.minutes()
              + " asked");
    }
    if (!c.getExpiresAt().isAfter(now)) {
      return refuse(ReasonCode.CONSENT_EXPIRED, "the consent expired at " + c.getExpiresAt());
    }
    Optional<byte[]> key = known.volunteers.consentKey(d.volunteerId());
    if (key.isEmpty()) {
      return refuse(
          ReasonCode.CONSENT_INVALID,
          "volunteer "
              + d.volunteerId()
              + " has no consent key registered: their home bank registers it");
    }
    if (!Consents.signedBy(c, Ed25519Keys.publicKey(key.get()))) {
      return refuse(
          ReasonCode.CONSENT_INVALID,
          "the consent is not signed by the volunteer's registered consent key (key id "
              + Ed25519Keys.keyId(Ed25519Keys.publicKey(key.get()))
              + "), or was altered");
    }
    look(known, List.of(c.getConsentId()));
    if (known.used.contains(c.getConsentId())) {
      return refuse(ReasonCode.CONSENT_USED, "consent " + c.getConsentId() + " was used before");
    }
    return Optional.empty();
  }

  /**
   * Records the consent's one use once the debit goes ahead, in the caller's transaction.
   *
   * @return a refusal when another transaction used it first
   */
  public Optional<Refusal> use(Debit d) {
    if (d.consent() == null
        || uses.use(
            d.consent().getConsentId(), d.volunteerId(), d.nodeId(), d.eventId(), d.minutes())) {
      return Optional.empty();
    }
    return refuse(
        ReasonCode.CONSENT_USED, "consent " + d.consent().getConsentId() + " was used before");
  }

  /**
   * Records the consent's one use in a poll, written with the poll's others at its end, so a later
   * event of the poll carrying the same consent is refused; another transaction that records it
   * first makes this poll fail and be applied again.
   *
   * @return a refusal when the poll used it already
   */
  public Optional<Refusal> use(UnitOfWork work, Debit d) {
    VolunteerConsent c = d.consent();
    if (c == null) {
      return Optional.empty();
    }
    Known known = known(work);
    look(known, List.of(c.getConsentId()));
    if (!known.used.add(c.getConsentId())) {
      return refuse(ReasonCode.CONSENT_USED, "consent " + c.getConsentId() + " was used before");
    }
    known.unwritten.add(
        new ConsentUses.Use(
            c.getConsentId(), d.volunteerId(), d.nodeId(), d.eventId(), d.minutes()));
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(ReasonCode reason, String detail) {
    return Optional.of(new Refusal(reason, detail));
  }
}
