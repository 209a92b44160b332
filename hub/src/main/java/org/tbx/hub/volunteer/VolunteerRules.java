package org.tbx.hub.volunteer;

import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.AccountType;
import org.tbx.protocol.v1.ReasonCode;

/** Rules about who a volunteer is that the spending paths share. */
public final class VolunteerRules {

  private VolunteerRules() {}

  /**
   * @throws ProtocolException {@code GROUP_ACCOUNT_DONATION_ONLY} for a group account, whose
   *     minutes may only be donated
   */
  public static void requireIndividual(VolunteerRepository.Facts volunteer)
      throws ProtocolException {
    if (volunteer.enrolled() && volunteer.accountType() == AccountType.GROUP) {
      throw new ProtocolException(
          ReasonCode.GROUP_ACCOUNT_DONATION_ONLY,
          "volunteer "
              + volunteer.volunteerId()
              + " is a group account, whose minutes may only be donated");
    }
  }
}
