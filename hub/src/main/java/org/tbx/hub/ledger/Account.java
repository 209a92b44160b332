package org.tbx.hub.ledger;

import java.util.Objects;

/**
 * An account of the ledger, named by its id; the kind is part of the id.
 *
 * @param id e.g. {@code volunteer:tv1-...}, {@code bank:guilin:issued}, {@code pool:national}
 */
public record Account(String id, AccountKind kind) {

  private static final String BANK = "bank:";
  private static final String ISSUED = ":issued";
  private static final String HONOURED = ":honoured";

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
  }

  public static Account volunteer(String volunteerId) {
    return new Account("volunteer:" + volunteerId, AccountKind.VOLUNTEER);
  }

  public static Account bankIssued(String nodeId) {
    return new Account(BANK + nodeId + ISSUED, AccountKind.BANK_ISSUED);
  }

  public static Account bankHonoured(String nodeId) {
    return new Account(BANK + nodeId + HONOURED, AccountKind.BANK_HONOURED);
  }

  public static Account pool(String poolId) {
    return new Account("pool:" + poolId, AccountKind.POOL);
  }

  public static Account grant(String grantorId) {
    return new Account("grant:" + grantorId, AccountKind.GRANT);
  }

  /**
   * @return the account an id names
   * @throws IllegalArgumentException for an id of no known shape
   */
  public static Account parse(String id) {
    if (id.startsWith("volunteer:")) {
      return new Account(id, AccountKind.VOLUNTEER);
    }
    if (id.startsWith("pool:")) {
      return new Account(id, AccountKind.POOL);
    }
    if (id.startsWith("grant:")) {
      return new Account(id, AccountKind.GRANT);
    }
    if (id.startsWith(BANK) && id.endsWith(ISSUED)) {
      return new Account(id, AccountKind.BANK_ISSUED);
    }
    if (id.startsWith(BANK) && id.endsWith(HONOURED)) {
      return new Account(id, AccountKind.BANK_HONOURED);
    }
    throw new IllegalArgumentException("not an account id: " + id);
  }

  /**
   * @return the bank of a bank account, the volunteer of a volunteer account, the pool or grantor
   *     id
   */
  public String owner() {
    return switch (kind) {
      case VOLUNTEER -> id.substring("volunteer:".length());
      case POOL -> id.substring("pool:".length());
      case GRANT -> id.substring("grant:".length());
      case BANK_ISSUED -> id.substring(BANK.length(), id.length() - ISSUED.length());
      case BANK_HONOURED -> id.substring(BANK.length(), id.length() - HONOURED.length());
    };
  }

  /**
   * @return whether minutes debited from this account come into being here: a bank's issue or a
   *     grant
   */
  public boolean issues() {
    return kind == AccountKind.BANK_ISSUED || kind == AccountKind.GRANT;
  }
}
