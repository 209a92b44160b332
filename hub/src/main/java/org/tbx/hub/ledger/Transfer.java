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
 * @param reversesTransferId the transfer this one reverses, or null
 */
public record Transfer(
    UUID eventId, Account debitAccount, Account creditAccount, long amountMinutes, String code, String nodeId,
    Long reversesTransferId) {

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

  public Transfer(UUID eventId, Account debit, Account credit, long amount, String code, String nodeId) {
    this(eventId, debit, credit, amount, code, nodeId, null);
  }

  /** An account reference: its id and kind. */
  public record Account(String id, AccountKind kind) {
    public static Account volunteer(String volunteerId) {
      return new Account("volunteer:" + volunteerId, AccountKind.VOLUNTEER);
    }

    public static Account bankIssued(String nodeId) {
      return new Account("bank:" + nodeId + ":issued", AccountKind.BANK_ISSUED);
    }

    public static Account bankHonoured(String nodeId) {
      return new Account("bank:" + nodeId + ":honoured", AccountKind.BANK_HONOURED);
    }

    public static Account pool(String poolId) {
      return new Account("pool:" + poolId, AccountKind.POOL);
    }

    public static Account grant(String grantorId) {
      return new Account("grant:" + grantorId, AccountKind.GRANT);
    }

    /** @return the account an id names, its kind read from the id's shape */
    public static Account parse(String id) {
      AccountKind kind;
      if (id.startsWith("volunteer:")) {
        kind = AccountKind.VOLUNTEER;
      } else if (id.startsWith("pool:")) {
        kind = AccountKind.POOL;
      } else if (id.startsWith("grant:")) {
        kind = AccountKind.GRANT;
      } else if (id.startsWith("bank:") && id.endsWith(":issued")) {
        kind = AccountKind.BANK_ISSUED;
      } else if (id.startsWith("bank:") && id.endsWith(":honoured")) {
        kind = AccountKind.BANK_HONOURED;
      } else {
        throw new IllegalArgumentException("not an account id: " + id);
      }
      return new Account(id, kind);
    }
  }
}
