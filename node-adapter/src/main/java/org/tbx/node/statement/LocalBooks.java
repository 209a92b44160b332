package org.tbx.node.statement;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The bank's own books: what its submitted events credit and debit, as the bank sees it. */
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
                    "select count(*), coalesce(sum(credited_minutes), 0), coalesce(sum(debited_minutes), 0) "
                        + "from local_entry where volunteer_id = :v")
                .setParameter("v", volunteerId)
                .getSingleResult();
    long credited = ((Number) row[1]).longValue();
    long debited = ((Number) row[2]).longValue();
    return new Figures(((Number) row[0]).longValue(), credited, debited, credited - debited);
  }
}
