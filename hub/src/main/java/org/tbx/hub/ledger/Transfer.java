package org.tbx.hub.ledger;

import java.util.Objects;
import java.util.UUID;

/**
 * A posted movement of whole minutes from one account to another; the debit and the credit always match.
 *
 * @param eventId the event that caused it
 * @param debitAccount account debited by {@code amountMinutes}
 * @param creditAccount account credited by {@code amountMinutes}
 * @param amountMinutes strictly positive
 * @param code why, e.g. {@code SERVICE_RECORDED}
 * @param nodeId the bank whose event it was
 */
public record Transfer(
    UUID eventId, Account debitAccount, Account creditAccount, long amountMinutes, String code, String nodeId) {

  public Transfer {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(debitAccount, "debitAccount");
    Objects.requireNonNull(creditAccount, "creditAccount");
    if (amountMinutes <= 0) {
      throw new IllegalArgumentException("amountMinutes must be positive, was " + amountMinutes);
    }
    if (debitAccount.equals(creditAccount)) {
      throw new IllegalArgumentException("a transfer needs two different accounts, both were " + debitAccount.id());
    }
  }

  /** An account reference: its id and kind. */
  public record Account(String id, AccountKind kind) {
    public static Account volunteer(String volunteerId) {
      return new Account("volunteer:" + volunteerId, AccountKind.VOLUNTEER);
    }

    public static Account bankIssued(String nodeId) {
      return new Account("bank:" + nodeId + ":issued", AccountKind.BANK_ISSUED);
    }
  }
}
