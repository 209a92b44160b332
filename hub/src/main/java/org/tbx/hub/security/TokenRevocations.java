package org.tbx.hub.security;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;
import org.tbx.kit.security.RevocationList;

/**
 * The revoked API tokens, by {@code jti}: kept in the database ({@code revoked_token}), answered
 * from memory on every request and reloaded every few seconds, so a revocation made by another hub
 * instance takes effect there too.
 */
@ApplicationScoped
public class TokenRevocations implements RevocationList {

  /** One revoked token. */
  public record Revocation(String jti, String reason, String revokedBy, Instant revokedAt) {}

  private final Jdbc jdbc;
  private volatile Map<String, String> reasons;

  TokenRevocations(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<String> revoked(String jti) {
    if (reasons == null) {
      reload();
    }
    return Optional.ofNullable(reasons.get(jti));
  }

  /**
   * Revokes a token; revoking it again keeps the first reason.
   *
   * @return the revocation as recorded
   */
  public Revocation revoke(String jti, String reason, String by) {
    jdbc.update(
        "insert into revoked_token (jti, reason, revoked_by) values (?, ?, ?) on conflict (jti) do nothing",
        jti,
        reason,
        by);
    reload();
    return all().stream().filter(r -> r.jti().equals(jti)).findFirst().orElseThrow();
  }

  /**
   * @return every revocation, newest first
   */
  public List<Revocation> all() {
    return jdbc.list(
        "select jti, reason, revoked_by, revoked_at from revoked_token order by revoked_at desc, jti",
        rs ->
            new Revocation(
                rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "revoked_at")));
  }

  @Scheduled(
      every = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void reload() {
    reasons =
        all().stream().collect(Collectors.toUnmodifiableMap(Revocation::jti, Revocation::reason));
  }
}
