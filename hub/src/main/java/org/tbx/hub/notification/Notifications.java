package org.tbx.hub.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/**
 * What a bank or a volunteer is told besides the signed notices (whose kinds a protocol revision
 * cannot extend): another bank enrolled a volunteer, a consent key changed, a debit was disputed or
 * the dispute decided. Written in the transaction of the fact they report; read over the hub's API.
 */
@ApplicationScoped
public class Notifications {

  /** What a notification is about. */
  public enum Kind {
    /**
     * To the home bank and the volunteer: another bank enrolled the volunteer and may debit with
     * consent.
     */
    VOLUNTEER_ENROLLED_ELSEWHERE,
    /** To the volunteer: the home bank registered a new consent key. */
    CONSENT_KEY_REGISTERED,
    /** To the debiting bank and the home bank: the volunteer or the home bank disputed a debit. */
    DEBIT_DISPUTED,
    /** To the volunteer, the debiting bank and the home bank: the operator decided a dispute. */
    DEBIT_DISPUTE_DECIDED,
    /**
     * To the volunteer and their home bank: the bank that recorded one of their services disputed
     * it, for itself or for the recipient.
     */
    SERVICE_DISPUTED,
    /**
     * To the volunteer, the recording bank and the home bank: the operator decided a dispute of a
     * service record.
     */
    SERVICE_DISPUTE_DECIDED,
    /**
     * To the volunteer and their home bank: a certification expires within the configured time
     * ahead; a passed assessment renews it.
     */
    CERTIFICATION_EXPIRING,
    /**
     * To the bank and to the operator and regulator: a second, different batch at sequences the hub
     * accepted; the bank's stream is suspended.
     */
    STREAM_FORK
  }

  /**
   * One notification.
   *
   * @param nodeId the bank it is for, or null
   * @param volunteerId the volunteer it is for, or null
   * @param subjectId what it is about: a volunteer, a dispute
   */
  public record Notification(
      long id,
      String nodeId,
      String volunteerId,
      String kind,
      String subjectId,
      String detail,
      Instant createdAt) {}

  private final Jdbc jdbc;

  Notifications(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Tells a bank (and/or a volunteer) something, in the caller's transaction. */
  public void tell(String nodeId, String volunteerId, Kind kind, String subjectId, String detail) {
    jdbc.update(
        "insert into notification (node_id, volunteer_id, kind, subject_id, detail) values (?, ?, ?, ?, ?)",
        nodeId,
        volunteerId,
        kind.name(),
        subjectId,
        detail);
  }

  /**
   * @return the notifications for a bank, a volunteer, or all (both null), after an id, oldest
   *     first
   */
  public List<Notification> after(String nodeId, String volunteerId, long afterId, int limit) {
    String where =
        nodeId != null ? "node_id = ? and " : volunteerId != null ? "volunteer_id = ? and " : "";
    Object[] args =
        nodeId != null || volunteerId != null
            ? new Object[] {nodeId != null ? nodeId : volunteerId, afterId, limit}
            : new Object[] {afterId, limit};
    return jdbc.list(
        "select id, node_id, volunteer_id, kind, subject_id, detail, created_at from notification where "
            + where
            + "id > ? order by id limit ?",
        rs ->
            new Notification(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                Jdbc.instant(rs, "created_at")),
        args);
  }
}
