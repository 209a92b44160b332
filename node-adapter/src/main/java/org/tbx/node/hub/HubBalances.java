package org.tbx.node.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tbx.node.config.NodeConfig;

/**
 * A volunteer's balance as the hub reports it: asked of the hub's API each time, and remembered, so
 * that while the hub cannot be reached the last report is shown, marked stale, with when it was
 * made.
 */
@ApplicationScoped
public class HubBalances {

  /**
   * The hub's report.
   *
   * @param balance the hub's answer, as it gave it
   * @param reportedAt when the hub gave it
   * @param stale true when the hub could not be asked just now and this is an older report
   * @param error why the hub could not be asked, when stale
   */
  public record Report(JsonNode balance, Instant reportedAt, boolean stale, String error) {}

  /** The hub answered that it knows no balance for the volunteer. */
  public static final class Unknown extends RuntimeException {
    Unknown(String message) {
      super(message);
    }
  }

  private final NodeConfig config;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  HubBalances(NodeConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
  }

  /**
   * @return the hub's current report, or its last one when the hub cannot be reached; empty when
   *     the hub has never reported on this volunteer and cannot be asked now
   * @throws Unknown when the hub answers that it has no balance for the volunteer
   */
  public Optional<Report> balance(String volunteerId) {
    String error;
    if (config.hubUrl().isEmpty()) {
      error = "TBX_HUB_URL (tbx.node.hub-url) is not set, so the hub cannot be asked";
    } else {
      try {
        HttpResponse<String> response =
            http.send(
                HubRequests.get(
                    config,
                    "/api/v1/volunteers/"
                        + URLEncoder.encode(volunteerId, StandardCharsets.UTF_8)
                        + "/balance"),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          Instant now = Instant.now();
          QuarkusTransaction.requiringNew().run(() -> remember(volunteerId, response.body(), now));
          return Optional.of(new Report(json.readTree(response.body()), now, false, null));
        }
        if (response.statusCode() == 404) {
          throw new Unknown(
              "the hub has no balance for volunteer "
                  + volunteerId
                  + ": no bank has credited them yet");
        }
        error = "the hub answered HTTP " + response.statusCode();
      } catch (IOException e) {
        error = "the hub at " + config.hubUrl().get() + " could not be reached: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = "interrupted";
      }
    }
    String why = error;
    return last(volunteerId).map(r -> new Report(r.balance(), r.reportedAt(), true, why));
  }

  private static void remember(String volunteerId, String body, Instant at) {
    Panache.getEntityManager()
        .createNativeQuery(
            "insert into hub_balance (volunteer_id, body, reported_at) values (:v, cast(:b as jsonb), :t) "
                + "on conflict (volunteer_id) do update set body = excluded.body, reported_at = excluded.reported_at")
        .setParameter("v", volunteerId)
        .setParameter("b", body)
        .setParameter("t", at)
        .executeUpdate();
  }

  private Optional<Report> last(String volunteerId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    Panache.getEntityManager()
                        .createNativeQuery(
                            "select cast(body as text), cast(floor(extract(epoch from reported_at) * 1000) as bigint) "
                                + "from hub_balance where volunteer_id = :v")
                        .setParameter("v", volunteerId)
                        .getResultList());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Report(
              json.readTree((String) rows.get(0)[0]),
              Instant.ofEpochMilli(((Number) rows.get(0)[1]).longValue()),
              true,
              null));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
