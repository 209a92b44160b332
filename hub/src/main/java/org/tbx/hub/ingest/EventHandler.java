package org.tbx.hub.ingest;

import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.protocol.ProtocolException;

/**
 * Applies one type of event to the hub's state. Each event type has one handler, in the package of
 * its domain; the ingest finds it by payload type ({@link EventHandlers}).
 *
 * <p>A handler refuses an event by throwing {@link ProtocolException} with a reason code. What it
 * changed before is undone (a savepoint), unless it declares {@link #checksBeforeChanges()}, the
 * hot path's promise that every rule is checked before anything is written.
 */
public interface EventHandler<T extends SpecificRecordBase> {

  /**
   * @return the payload type this handler applies
   */
  Class<T> type();

  /**
   * Checks the fields of the payload alone (syntax, ranges, forbidden content), before any state is
   * read.
   *
   * @throws ProtocolException naming the field and the rule it breaks
   */
  default void validate(EventContext<T> event) throws ProtocolException {}

  /**
   * Reads in one go what the events of one Kafka record will need, before any of them is applied.
   */
  default void prepare(UnitOfWork work, List<T> payloads) {}

  /**
   * Applies the event: ledger postings, state, notices to send back.
   *
   * @throws ProtocolException when a rule refuses it
   */
  void apply(UnitOfWork work, EventContext<T> event) throws ProtocolException;

  /**
   * @return true when {@link #apply} checks every rule before it changes anything (no savepoint
   *     needed)
   */
  default boolean checksBeforeChanges() {
    return false;
  }

  /**
   * @return the volunteer the event is mainly about, recorded with it for reconciliation; null for
   *     none
   */
  default String volunteerOf(T payload) {
    return null;
  }
}
