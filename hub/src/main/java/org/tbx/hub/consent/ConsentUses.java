package org.tbx.hub.consent;

import jakarta.enterprise.context.ApplicationScoped;
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
   * @return whether the consent was used before
   */
  boolean used(String consentId) {
    return jdbc.exists("select 1 from consent_use where consent_id = ?", consentId);
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
