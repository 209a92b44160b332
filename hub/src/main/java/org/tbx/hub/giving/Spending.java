package org.tbx.hub.giving;

import java.util.Optional;
import org.tbx.hub.consent.DebitAuthority;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ReasonCode;

/** Moves minutes out of an account's available balance, once it is locked and found sufficient. */
final class Spending {

  private Spending() {}

  /**
   * @return the transfer, once the account has the minutes; nothing is posted yet
   * @throws ProtocolException {@code INVALID_FIELD} for a transfer to the same account, {@code
   *     INSUFFICIENT_BALANCE} when the account has fewer minutes available
   */
  static Transfer checked(
      UnitOfWork work,
      EventContext<?> event,
      Account from,
      Account to,
      long minutes,
      TransferCode code)
      throws ProtocolException {
    if (from.equals(to)) {
      throw new ProtocolException(
          ReasonCode.INVALID_FIELD, "a volunteer cannot give minutes to themselves");
    }
    long available = work.ledger().available(from);
    if (available < minutes) {
      throw new ProtocolException(
          ReasonCode.INSUFFICIENT_BALANCE,
          describe(from) + " has " + available + " minutes available, " + minutes + " requested");
    }
    return Transfer.of(event.eventId(), from, to, minutes, code, event.nodeId());
  }

  /** A spending whose rules are checked before anything is written. */
  @FunctionalInterface
  interface Move {
    Transfer check() throws ProtocolException;
  }

  /**
   * Moves a volunteer's minutes only when the debiting bank may (it enrolled them, and holds their
   * consent where the rulebook asks for it), and uses the consent once. Every refusal comes before
   * the first write (a consent used by another transaction first is not recorded again), so the
   * handlers need no savepoint.
   *
   * @throws ProtocolException with the authority's reason code when it may not
   */
  static void authorized(
      UnitOfWork work, DebitAuthority authority, DebitAuthority.Debit debit, Move move)
      throws ProtocolException {
    refuse(authority.check(work, debit));
    Transfer transfer = move.check();
    refuse(authority.use(work, debit));
    work.ledger().post(transfer);
  }

  private static void refuse(Optional<DebitAuthority.Refusal> refusal) throws ProtocolException {
    if (refusal.isPresent()) {
      throw new ProtocolException(refusal.get().reason(), refusal.get().detail());
    }
  }

  private static String describe(Account account) {
    return switch (account.kind()) {
      case VOLUNTEER -> "volunteer " + account.owner();
      case POOL -> "pool " + account.owner();
      default -> account.id();
    };
  }
}
