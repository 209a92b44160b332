package org.tbx.hub.standing;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.tbx.kit.jdbc.Jdbc;

/** No-shows and late cancellations the banks reported ({@code absence}). */
@ApplicationScoped
public class AbsenceRepository {

  /**
   * One report.
   *
   * @param absenceId the bank's id for it: a retry with the same id is the same report
   * @param kind NO_SHOW or LATE_CANCELLATION
   * @param dueAt when the service was due
   * @param withdrawnAt when the bank withdrew it, or null: a withdrawn report counts nothing
   */
  public record Absence(
      UUID absenceId,
      String volunteerId,
      String nodeId,
      String kind,
      Instant dueAt,
      String note,
      Instant reportedAt,
      Instant withdrawnAt,
      String withdrawalReason) {

    /**
     * @return whether a retry states the same as this report
     */
    public boolean sameAs(Absence other) {
      return volunteerId.equals(other.volunteerId)
          && nodeId.equals(other.nodeId)
          && kind.equals(other.kind)
          && dueAt.equals(other.dueAt);
    }
  }

  private static final String COLUMNS =
      "absence_id, volunteer_id, node_id, kind, due_at, note, reported_at, withdrawn_at, withdrawal_reason";

  private final Jdbc jdbc;

  AbsenceRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * @return false when a report with this id exists already
   */
  public boolean report(Absence a) {
    return jdbc.update(
            "insert into absence (absence_id, volunteer_id, node_id, kind, due_at, note) "
                + "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
            a.absenceId(),
            a.volunteerId(),
            a.nodeId(),
            a.kind(),
            a.dueAt(),
            a.note())
        == 1;
  }

  public Optional<Absence> find(UUID absenceId) {
    return jdbc.first(
        "select " + COLUMNS + " from absence where absence_id = ?",
        AbsenceRepository::absence,
        absenceId);
  }

  /**
   * Withdraws a report that is not withdrawn yet.
   *
   * @return false when it was withdrawn before
   */
  public boolean withdraw(UUID absenceId, String reason) {
    return jdbc.update(
            "update absence set withdrawn_at = now(), withdrawal_reason = ? where absence_id = ?"
                + " and withdrawn_at is null",
            reason,
            absenceId)
        == 1;
  }

  /**
   * @return the volunteer's reports, withdrawn ones included, the latest due first
   */
  public List<Absence> of(String volunteerId) {
    return jdbc.list(
        "select " + COLUMNS + " from absence where volunteer_id = ? order by due_at desc",
        AbsenceRepository::absence,
        volunteerId);
  }

  private static Absence absence(ResultSet rs) throws SQLException {
    return new Absence(
        (UUID) rs.getObject("absence_id"),
        rs.getString("volunteer_id"),
        rs.getString("node_id"),
        rs.getString("kind"),
        Jdbc.instant(rs, "due_at"),
        rs.getString("note"),
        Jdbc.instant(rs, "reported_at"),
        Jdbc.instant(rs, "withdrawn_at"),
        rs.getString("withdrawal_reason"));
  }
}
