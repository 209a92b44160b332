package org.tbx.hub.consent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** The consents that were used ({@code consent_use}): each at most once. */
@ApplicationScoped
public class ConsentUses {

  private final Jdbc jdbc;

  ConsentUses(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return those of the consents that were used before
   */
  Set<String> used(Collection<String> consentIds) {
    return new HashSet<>(
        jdbc.list(
            "select consent_id from consent_use where consent_id = any(?)",
            rs -> rs.getString(1),
            (Object) consentIds.toArray(String[]::new)));
  }

  /** One use of a consent, as recorded. */
  record Use(String consentId, String volunteerId, String nodeId, UUID eventId, long minutes) {}

  /**
   * Records consents' uses in one statement, in the caller's transaction.
   *
   * @throws IllegalStateException when another transaction recorded one of them first: the caller's
   *     transaction must not commit (a poll is then applied again, and the use is refused)
   */
  void useAll(List<Use> uses) {
    if (uses.isEmpty()) {
      return;
    }
    int recorded =
        jdbc.update(
            "insert into consent_use (consent_id, volunteer_id, node_id, event_id, minutes) "
                + "select * from unnest(?::text[], ?::text[], ?::text[], ?::uuid[], ?::bigint[]) "
                + "on conflict do nothing",
            uses.stream().map(Use::consentId).toArray(String[]::new),
            uses.stream().map(Use::volunteerId).toArray(String[]::new),
            uses.stream().map(Use::nodeId).toArray(String[]::new),
            uses.stream().map(Use::eventId).toArray(UUID[]::new),
            uses.stream().map(Use::minutes).toArray(Long[]::new));
    if (recorded != uses.size()) {
      throw new IllegalStateException(
          (uses.size() - recorded)
              + " of this poll's consents were used by another transaction meanwhile; the poll is"
              + " applied again");
    }
  }

  /**
   * Records a consent's one use, in the caller's transaction.
   *
   * @return false when it was used already (by a transaction that committed first)
   */
  boolean use(String consentId, String volunteerId, String nodeId, UUID eventId, long minutes) {
    return jdbc.update(
            "insert into consent_use (consent_id, volunteer_id, node_id, event_id, minutes) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing",
            consentId,
            volunteerId,
            nodeId,
            eventId,
            minutes)
        == 1;
  }
}
