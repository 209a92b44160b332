package org.tbx.hub.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * Who is signed in to the pages (tables {@code page_session} and {@code sign_in_link}): the cookie
 * and the link carry random values, the tables only their SHA-256, so a copy of the database signs
 * nobody in.
 */
@ApplicationScoped
public class PageSessions {

  /** How long a page session lasts at most, whatever the token it came from. */
  public static final Duration LONGEST = Duration.ofHours(8);

  /** How long a sign-in link may wait to be used. */
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);

  /**
   * A signed-in person.
   *
   * @param subject the token's subject: the node id, the volunteer id, the operator
   * @param role one of {@code Roles}
   * @param jti the token's id, to honour its revocation; null for a sign-in link
   * @param csrf the value every form of this session must carry back
   */
  public record Session(String subject, String role, String jti, String csrf, Instant expiresAt) {}

  /** A new sign-in link's code (given once) and when it lapses. */
  public record Link(String code, Instant expiresAt) {}

  /** Why a sign-in link could not be used. */
  public enum LinkRefusal {
    UNKNOWN,
    EXPIRED,
    USED
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbc jdbc;
  private final Clock clock;

  PageSessions(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  /**
   * Starts a session.
   *
   * @return the cookie's value
   */
  public String start(String subject, String role, String jti, Instant tokenExpiry) {
    Instant now = clock.instant();
    Instant expires =
        tokenExpiry == null || tokenExpiry.isAfter(now.plus(LONGEST))
            ? now.plus(LONGEST)
            : tokenExpiry;
    String id = random();
    jdbc.update(
        "insert into page_session (id_sha256, subject, role, jti, csrf, expires_at) values (?, ?, ?, ?, ?, ?)",
        sha256(id),
        subject,
        role,
        jti,
        random(),
        expires);
    jdbc.update("delete from page_session where expires_at < ?", now);
    return id;
  }

  /**
   * @return the session of a cookie's value, when it exists and has not expired
   */
  public Optional<Session> find(String cookie) {
    if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{43}")) {
      return Optional.empty();
    }
    return jdbc.first(
        "select subject, role, jti, csrf, expires_at from page_session where id_sha256 = ? and expires_at > ?",
        rs ->
            new Session(
                rs.getString("subject"),
                rs.getString("role"),
                rs.getString("jti"),
                rs.getString("csrf"),
                Jdbc.instant(rs, "expires_at")),
        sha256(cookie),
        clock.instant());
  }

  /** Ends a session. */
  public void end(String cookie) {
    if (cookie != null) {
      jdbc.update("delete from page_session where id_sha256 = ?", sha256(cookie));
    }
  }

  /**
   * @return a one-time link for a volunteer, asked for by a bank that serves them
   */
  public Link link(String volunteerId, String nodeId) {
    String code = random();
    Instant expires = clock.instant().plus(LINK_LIFETIME);
    jdbc.update(
        "insert into sign_in_link (code_sha256, volunteer_id, node_id, expires_at) values (?, ?, ?, ?)",
        sha256(code),
        volunteerId,
        nodeId,
        expires);
    return new Link(code, expires);
  }

  /**
   * Uses a sign-in link once.
   *
   * @return the session's cookie value, or why the link was refused
   */
  @Transactional
  public Result useLink(String code) {
    if (code == null || !code.matches("[A-Za-z0-9_-]{43}")) {
      return new Result(null, LinkRefusal.UNKNOWN);
    }
    Instant now = clock.instant();
    record Found(String volunteerId, Instant expiresAt, Instant usedAt) {}
    Optional<Found> found =
        jdbc.first(
            "select volunteer_id, expires_at, used_at from sign_in_link where code_sha256 = ? for update",
            rs ->
                new Found(
                    rs.getString("volunteer_id"),
                    Jdbc.instant(rs, "expires_at"),
                    Jdbc.instant(rs, "used_at")),
            sha256(code));
    if (found.isEmpty()) {
      return new Result(null, LinkRefusal.UNKNOWN);
    }
    if (found.get().usedAt() != null) {
      return new Result(null, LinkRefusal.USED);
    }
    if (!found.get().expiresAt().isAfter(now)) {
      return new Result(null, LinkRefusal.EXPIRED);
    }
    jdbc.update("update sign_in_link set used_at = ? where code_sha256 = ?", now, sha256(code));
    return new Result(start(found.get().volunteerId(), "volunteer", null, null), null);
  }

  /** A used link's session cookie value, or why it was refused. */
  public record Result(String cookie, LinkRefusal refusal) {}

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
