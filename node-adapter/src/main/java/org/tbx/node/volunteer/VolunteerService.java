package org.tbx.node.volunteer;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.submission.Submissions;
import org.tbx.protocol.FieldRules;
import org.tbx.protocol.identity.VolunteerIds;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.CertificationGranted;
import org.tbx.protocol.v1.CertificationRevoked;
import org.tbx.protocol.v1.IdentityVerification;
import org.tbx.protocol.v1.InsuranceRegistered;
import org.tbx.protocol.v1.VolunteerEnrolled;
import org.tbx.protocol.v1.VolunteerRelocated;

/**
 * Facts about volunteers that the hub checks deposits and redemptions against: enrollment,
 * training, insurance.
 */
@ApplicationScoped
public class VolunteerService {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Submissions submissions;
  private final NodeConfig config;

  VolunteerService(Submissions submissions, NodeConfig config) {
    this.config = config;
    this.submissions = submissions;
  }

  public Submissions.Outcome enroll(String key, VolunteerRequests.Enrollment given) {
    VolunteerRequests.Enrollment r = withoutNationalId(given);
    if (r.birthDate().isBefore(FieldRules.OLDEST_BIRTH_DATE)) {
      throw ApiException.invalid(
          "birthDate",
          "INVALID_FIELD",
          "must not be before " + FieldRules.OLDEST_BIRTH_DATE + ", was " + r.birthDate());
    }
    if (r.volunteerId().equals(r.guardianVolunteerId())) {
      throw ApiException.invalid(
          "guardianVolunteerId", "INVALID_FIELD", "a volunteer cannot be their own guardian");
    }
    AccountType type = r.accountType() == null ? AccountType.INDIVIDUAL : r.accountType();
    ByteBuffer consentKey =
        r.consentPublicKeyHex() == null
            ? null
            : ByteBuffer.wrap(HexFormat.of().parseHex(r.consentPublicKeyHex()));
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new VolunteerEnrolled(
                    r.volunteerId(),
                    r.birthDate(),
                    type,
                    r.guardianVolunteerId(),
                    new IdentityVerification(
                        r.verification().method(), r.verification().verifiedByRef()),
                    consentKey),
                Instant.now(),
                null,
                List.of()));
  }

  /**
   * Replaces a national ID number by the federation volunteer id derived from it, so that neither
   * the stored request, its idempotency hash, the event nor any log ever holds the number.
   */
  private VolunteerRequests.Enrollment withoutNationalId(VolunteerRequests.Enrollment r) {
    if ((r.volunteerId() == null) == (r.nationalId() == null)) {
      throw ApiException.invalid(
          "volunteerId", "INVALID_FIELD", "give exactly one of volunteerId and nationalId");
    }
    if (r.nationalId() == null) {
      return r;
    }
    String federationKey =
        config
            .volunteerIdKey()
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "nationalId",
                        "NOT_CONFIGURED",
                        "this adapter has no TBX_VOLUNTEER_ID_KEY, so it cannot derive a volunteer id; send volunteerId instead"));
    String volunteerId;
    try {
      volunteerId = VolunteerIds.derive(HexFormat.of().parseHex(federationKey), r.nationalId());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("nationalId", "INVALID_FIELD", e.getMessage());
    }
    return new VolunteerRequests.Enrollment(
        volunteerId,
        null,
        r.birthDate(),
        r.accountType(),
        r.guardianVolunteerId(),
        r.verification(),
        r.consentPublicKeyHex());
  }

  /**
   * Sends {@code VolunteerRelocated} from this bank, the volunteer's home, to another; the hub
   * refuses it unless this bank is the volunteer's home and the other is registered.
   */
  public Submissions.Outcome relocate(String key, VolunteerRequests.Relocation r) {
    if (r.toNodeId().equals(config.id())) {
      throw ApiException.invalid(
          "toNodeId",
          "INVALID_FIELD",
          "is this bank; a relocation moves the volunteer from this bank to another");
    }
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new VolunteerRelocated(r.volunteerId(), config.id(), r.toNodeId()),
                Instant.now(),
                null,
                List.of()));
  }

  public Submissions.Outcome certify(String key, VolunteerRequests.Certification r) {
    if (r.validUntil() != null && r.validUntil().isBefore(LocalDate.now(CHINA))) {
      throw ApiException.invalid(
          "validUntil",
          "INVALID_FIELD",
          "an expired certification cannot be granted, was " + r.validUntil());
    }
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new CertificationGranted(
                    r.volunteerId(), r.certification(), r.issuer(), r.validUntil()),
                Instant.now(),
                null,
                List.of()));
  }

  public Submissions.Outcome revokeCertification(
      String key, VolunteerRequests.CertificationRevocation r) {
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new CertificationRevoked(r.volunteerId(), r.certification(), r.reason()),
                Instant.now(),
                null,
                List.of()));
  }

  public Submissions.Outcome insure(String key, VolunteerRequests.Insurance r) {
    if (r.validUntil().isBefore(r.validFrom())) {
      throw ApiException.invalid(
          "validUntil",
          "INVALID_FIELD",
          "must not be before validFrom " + r.validFrom() + ", was " + r.validUntil());
    }
    return submissions.submit(
        key,
        r,
        () ->
            new Submissions.Draft(
                new InsuranceRegistered(
                    r.volunteerId(), r.policyRef(), r.insurer(), r.validFrom(), r.validUntil()),
                Instant.now(),
                null,
                List.of()));
  }
}
