package org.tbx.hub.reconciliation;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.tbx.hub.ingest.EventContext;
import org.tbx.hub.ingest.EventHandler;
import org.tbx.hub.ingest.Fields;
import org.tbx.hub.ingest.UnitOfWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.StatementLine;

/**
 * A bank's own statement of its stream as of a sequence, in parts: kept until every part is in,
 * then queued for {@link Reconciliations}, which compares it with the hub's record after this poll
 * commits.
 */
@ApplicationScoped
public class BalanceStatementHandler implements EventHandler<BalanceStatement> {

  private final ReconciliationRepository statements;

  BalanceStatementHandler(ReconciliationRepository statements) {
    this.statements = statements;
  }

  @Override
  public Class<BalanceStatement> type() {
    return BalanceStatement.class;
  }

  @Override
  public void validate(EventContext<BalanceStatement> event) throws ProtocolException {
    BalanceStatement s = event.payload();
    if (s.getPartCount() < 1 || s.getPart() < 1 || s.getPart() > s.getPartCount()) {
      throw Fields.invalid(
          "payload.part must be within 1..partCount, was "
              + s.getPart()
              + " of "
              + s.getPartCount());
    }
    if (s.getAsOfSequence() < 0 || s.getAsOfSequence() >= event.sequence()) {
      throw Fields.invalid(
          "payload.asOfSequence must be below the statement's own sequence "
              + event.sequence()
              + ", was "
              + s.getAsOfSequence());
    }
    Set<String> seen = new HashSet<>();
    for (StatementLine line : s.getLines()) {
      if (!seen.add(line.getVolunteerId())) {
        throw Fields.invalid("volunteer " + line.getVolunteerId() + " appears twice");
      }
    }
  }

  @Override
  public void apply(UnitOfWork work, EventContext<BalanceStatement> event)
      throws ProtocolException {
    BalanceStatement s = event.payload();
    if (statements.partReceived(s.getStatementId(), s.getPart())) {
      throw Fields.invalid(
          "part " + s.getPart() + " of statement " + s.getStatementId() + " was received before");
    }
    if (statements.complete(s.getStatementId())) {
      throw Fields.invalid(
          "statement "
              + s.getStatementId()
              + " is complete already; part "
              + s.getPart()
              + " came after");
    }
    statements.insertPart(event.eventId(), event.nodeId(), s);
    if (statements.partsReceived(s.getStatementId()) == s.getPartCount()) {
      statements.markDue(event.nodeId(), s);
    }
  }
}
