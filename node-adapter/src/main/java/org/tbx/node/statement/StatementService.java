package org.tbx.node.statement;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tbx.kit.api.ApiException;
import org.tbx.node.config.NodeConfig;
import org.tbx.node.submission.Submissions;
import org.tbx.protocol.v1.BalanceStatement;
import org.tbx.protocol.v1.ControlTotals;
import org.tbx.protocol.v1.ReconciliationResult;
import org.tbx.protocol.v1.StatementLine;

/**
 * The bank's balance statements: its own view of every volunteer's credited and debited minutes
 * over its events up to the last sealed sequence, sent to the hub in parts; the hub's
 * reconciliation is recorded against it when the notice arrives.
 */
@ApplicationScoped
public class StatementService {

  private final Submissions submissions;
  private final NodeConfig config;
  private final ObjectMapper json;

  StatementService(Submissions submissions, NodeConfig config, ObjectMapper json) {
    this.submissions = submissions;
    this.config = config;
    this.json = json;
  }

  /** The request a statement is submitted under: nothing but the caller's wish for one. */
  public record StatementWish(String trigger) {}

  /**
   * Builds a statement of everything sealed so far and queues its parts in the outbox.
   *
   * @return the first part's outcome; a retry under the same key returns the first statement
   */
  @Transactional
  public Submissions.Outcome create(String key, String trigger) {
    return submissions.submit(
        key,
        new StatementWish(trigger),
        () -> {
          EntityManager em = Panache.getEntityManager();
          long asOf =
              ((Number)
                      em.createNativeQuery(
                              "select coalesce(max(last_sequence), 0) from node_stream where node_id = :n")
                          .setParameter("n", config.id())
                          .getSingleResult())
                  .longValue();
          long eventCount =
              ((Number)
                      em.createNativeQuery(
                              "select count(*) from outbox_event where sequence <= :s and event_type <> 'BalanceStatement'")
                          .setParameter("s", asOf)
                          .getSingleResult())
                  .longValue();
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "select l.volunteer_id, sum(l.credited_minutes), sum(l.debited_minutes) from local_entry l "
                          + "join outbox_event e on e.event_id = l.event_id where e.sequence <= :s "
                          + "and e.hub_status is distinct from 'REJECTED' "
                          + "group by l.volunteer_id order by l.volunteer_id")
                  .setParameter("s", asOf)
                  .getResultList();
          List<StatementLine> lines = new ArrayList<>(rows.size());
          long credited = 0;
          long debited = 0;
          for (Object[] r : rows) {
            StatementLine line =
                new StatementLine(
                    (String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
            credited += line.getCreditedMinutes();
            debited += line.getDebitedMinutes();
            lines.add(line);
          }
          String id = UUID.randomUUID().toString();
          int per = config.statementPartLines();
          int parts = Math.max(1, (lines.size() + per - 1) / per);
          ControlTotals totals = new ControlTotals(eventCount, credited, debited);
          em.createNativeQuery(
                  "insert into statement (statement_id, as_of_sequence, event_count, credited_minutes, "
                      + "debited_minutes, volunteer_count, part_count) values (:i, :s, :e, :c, :d, :v, :p)")
              .setParameter("i", id)
              .setParameter("s", asOf)
              .setParameter("e", eventCount)
              .setParameter("c", credited)
              .setParameter("d", debited)
              .setParameter("v", lines.size())
              .setParameter("p", parts)
              .executeUpdate();
          for (int part = 2; part <= parts; part++) {
            List<StatementLine> slice =
                lines.subList((part - 1) * per, Math.min(lines.size(), part * per));
            submissions.append(
                "statement:" + id + ":" + part,
                new BalanceStatement(id, asOf, part, parts, totals, new ArrayList<>(slice)));
          }
          return new Submissions.Draft(
              new BalanceStatement(
                  id,
                  asOf,
                  1,
                  parts,
                  totals,
                  new ArrayList<>(lines.subList(0, Math.min(lines.size(), per)))),
              Instant.now(),
              null,
              List.of());
        });
  }

  /**
   * Records the hub's reconciliation of one of our statements.
   *
   * @return true the first time, false for a repeat or a statement this bank never sent
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean reconciled(ReconciliationResult result) {
    List<Map<String, Object>> differences =
        result.getDifferences().stream()
            .map(
                d -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kind", d.getKind().name());
                  m.put("volunteerId", d.getVolunteerId());
                  m.put("eventId", d.getEventId());
                  m.put("bankMinutes", d.getBankMinutes());
                  m.put("hubMinutes", d.getHubMinutes());
                  return m;
                })
            .toList();
    String text;
    try {
      text = json.writeValueAsString(differences);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return Panache.getEntityManager()
            .createNativeQuery(
                "update statement set matched = :m, differences = cast(:d as jsonb), reconciled_at = now() "
                    + "where statement_id = :i and reconciled_at is null")
            .setParameter("m", result.getMatched())
            .setParameter("d", text)
            .setParameter("i", result.getStatementId())
            .executeUpdate()
        == 1;
  }

  /**
   * A statement and its reconciliation.
   *
   * @param asOfSequence it covers this bank's events up to this sequence
   * @param matched null until the hub answered; then whether the hub's books agree
   * @param differences the hub's differences, each with its kind, volunteer and minutes
   */
  public record StatementView(
      String statementId,
      long asOfSequence,
      long eventCount,
      long creditedMinutes,
      long debitedMinutes,
      int volunteerCount,
      int partCount,
      Instant createdAt,
      Boolean matched,
      @JsonRawValue String differences,
      Instant reconciledAt) {}

  /**
   * @return a statement this bank sent, with the hub's reconciliation once it arrived
   */
  public StatementView view(String id) {
    return rows("where statement_id = :i", id).stream()
        .findFirst()
        .orElseThrow(() -> ApiException.notFound("this bank sent no statement " + id));
  }

  /**
   * @return the newest statements, newest first
   */
  public List<StatementView> recent(int limit) {
    return rows("order by created_at desc limit " + limit, null);
  }

  @SuppressWarnings("unchecked")
  private static List<StatementView> rows(String clause, String id) {
    var query =
        Panache.getEntityManager()
            .createNativeQuery(
                "select statement_id, as_of_sequence, event_count, "
                    + "credited_minutes, debited_minutes, volunteer_count, part_count, "
                    + "cast(floor(extract(epoch from created_at) * 1000) as bigint), matched, cast(differences as text), "
                    + "cast(floor(extract(epoch from reconciled_at) * 1000) as bigint) from statement "
                    + clause);
    if (id != null) {
      query.setParameter("i", id);
    }
    return ((List<Object[]>) query.getResultList())
        .stream()
            .map(
                r ->
                    new StatementView(
                        (String) r[0],
                        n(r[1]),
                        n(r[2]),
                        n(r[3]),
                        n(r[4]),
                        (int) n(r[5]),
                        (int) n(r[6]),
                        Instant.ofEpochMilli(n(r[7])),
                        (Boolean) r[8],
                        (String) r[9],
                        r[10] == null ? null : Instant.ofEpochMilli(n(r[10]))))
            .toList();
  }

  private static long n(Object o) {
    return ((Number) o).longValue();
  }
}
