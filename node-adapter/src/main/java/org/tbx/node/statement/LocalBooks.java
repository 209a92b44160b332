package org.tbx.node.statement;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The bank's own books: what its submitted events credit and debit, as the bank sees it. An event
 * the hub rejected moved no minutes, so it is left out: the books and the statements agree with the
 * hub again once the answer is in.
 */
@ApplicationScoped
public class LocalBooks {

  /**
   * One volunteer's figures in the bank's own view.
   *
   * @param events how many of this bank's events touch the volunteer's balance
   * @param creditedMinutes minutes those events credit
   * @param debitedMinutes minutes those events debit
   * @param netMinutes credited minus debited
   */
  public record Figures(long events, long creditedMinutes, long debitedMinutes, long netMinutes) {}

  @Transactional
  public Figures figures(String volunteerId) {
    Object[] row =
        (Object[])
            Panache.getEntityManager()
                .createNativeQuery(
                    "select count(*), coalesce(sum(l.credited_minutes), 0), coalesce(sum(l.debited_minutes), 0) "
                        + "from local_entry l join outbox_event e on e.event_id = l.event_id "
                        + "where l.volunteer_id = :v and e.hub_status is distinct from 'REJECTED'")
                .setParameter("v", volunteerId)
                .getSingleResult();
    long credited = ((Number) row[1]).longValue();
    long debited = ((Number) row[2]).longValue();
    return new Figures(((Number) row[0]).longValue(), credited, debited, credited - debited);
  }
}
