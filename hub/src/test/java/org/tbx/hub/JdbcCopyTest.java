package org.tbx.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;
import org.tbx.kit.jdbc.Jdbc;

/** The write path's COPY on the real database: every value comes back as it was written. */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class JdbcCopyTest {

  @Inject DataSource dataSource;

  private record Row(long n, UUID id, String text, byte[] bytes, Instant at) {}

  @Test
  void copiedRowsReadBackUnchanged() {
    Jdbc jdbc = new Jdbc(dataSource);
    UUID id = UUID.randomUUID();
    Instant at = Instant.parse("2026-11-28T09:00:00.123456Z");
    List<Row> rows =
        List.of(
            new Row(
                1,
                id,
                "tab\there, line\nend, return\r, back\\slash, \\N, 时间",
                new byte[] {0, -1, 92},
                at),
            new Row(2, null, null, null, null));
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              jdbc.update(
                  "create temporary table copy_check (n bigint, id uuid, text text, bytes bytea, at timestamptz)"
                      + " on commit drop");
              jdbc.copy(
                  "copy_check (n, id, text, bytes, at)",
                  rows,
                  r -> new Object[] {r.n(), r.id(), r.text(), r.bytes(), r.at()});
              List<Row> back =
                  jdbc.list(
                      "select n, id, text, bytes, at from copy_check order by n",
                      rs ->
                          new Row(
                              rs.getLong(1),
                              (UUID) rs.getObject(2),
                              rs.getString(3),
                              rs.getBytes(4),
                              Jdbc.instant(rs, "at")));
              assertEquals(2, back.size());
              assertEquals(id, back.get(0).id());
              assertEquals(rows.get(0).text(), back.get(0).text());
              assertArrayEquals(rows.get(0).bytes(), back.get(0).bytes());
              assertEquals(at, back.get(0).at());
              assertNull(back.get(1).id());
              assertNull(back.get(1).text());
              assertNull(back.get(1).bytes());
              assertNull(back.get(1).at());
            });
  }
}
