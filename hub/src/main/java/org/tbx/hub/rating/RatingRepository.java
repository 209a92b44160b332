package org.tbx.hub.rating;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** Ratings of services ({@code service_rating}). */
@ApplicationScoped
public class RatingRepository {

  private final Jdbc jdbc;

  RatingRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  void insert(
      UUID eventId,
      String nodeId,
      UUID serviceEventId,
      String volunteerId,
      String raterRole,
      int stars,
      String comment) {
    jdbc.update(
        "insert into service_rating (event_id, node_id, service_event_id, volunteer_id, rater_role, stars, comment) "
            + "values (?, ?, ?, ?, ?, ?, ?)",
        eventId,
        nodeId,
        serviceEventId,
        volunteerId,
        raterRole,
        stars,
        comment);
  }
}
