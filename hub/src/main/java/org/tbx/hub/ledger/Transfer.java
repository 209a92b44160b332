package org.tbx.hub.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A movement of whole minutes from one account to another; the debit and the credit always match.
 * The same type is posted and read back: {@code id} and {@code postedAt} are null until the ledger
 * stored it.
 *
 * @param eventId the event that caused it
 * @param debit account debited by {@code amountMinutes}
 * @param credit account credited by {@code amountMinutes}
 * @param amountMinutes strictly positive
 * @param code why
 * @param nodeId the bank whose event it was
 * @param reversesTransferId the transfer this one reverses, or null
 * @param id the ledger's id, once posted
 * @param postedAt when it was posted
 */
public record Transfer(
    UUID eventId,
    Account debit,
    Account credit,
    long amountMinutes,
    String code,
    String nodeId,
    Long reversesTransferId,
    Long id,
    Instant postedAt) {

  public Transfer {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(debit, "debit");
    Objects.requireNonNull(credit, "credit");
    Objects.requireNonNull(code, "code");
    if (amountMinutes <= 0) {
      throw new IllegalArgumentException("amountMinutes must be positive, was " + amountMinutes);
    }
    if (debit.equals(credit)) {
      throw new IllegalArgumentException(
          "a transfer needs two different accounts, both were " + debit.id());
    }
  }

  /** A transfer to post. */
  public static Transfer of(
      UUID eventId,
      Account debit,
      Account credit,
      long amountMinutes,
      TransferCode code,
      String nodeId) {
    return new Transfer(
        eventId, debit, credit, amountMinutes, code.name(), nodeId, null, null, null);
  }

  /**
   * @return the opposite of this posted transfer, for {@code eventId}, pointing at it
   */
  public Transfer reversal(UUID eventId, String nodeId) {
    return reversal(eventId, nodeId, TransferCode.REVERSAL);
  }

  /**
   * @return the opposite of this posted transfer, for {@code eventId}, pointing at it, with a code
   *     that says why
   */
  public Transfer reversal(UUID eventId, String nodeId, TransferCode why) {
    if (id == null) {
      throw new IllegalStateException("only a posted transfer can be reversed");
    }
    return new Transfer(eventId, credit, debit, amountMinutes, why.name(), nodeId, id, null, null);
  }
}
