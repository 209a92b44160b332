package org.tbx.kit.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Plain SQL for repositories, on the connection of the caller's transaction (inside a JTA
 * transaction the data source hands out the enlisted connection, so every call of one transaction
 * uses the same one). A {@link SQLException} becomes a {@link DataAccessException} naming the
 * statement.
 */
public final class Jdbc {

  /** Reads one row. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Binds the parameters of one row of a batch. */
  @FunctionalInterface
  public interface Binder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  /** Work on the raw connection, for what the other methods do not cover (COPY, say). */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * @return how many rows the statement changed
   */
  public int update(String sql, Object... args) {
    return with(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
          }
        });
  }

  /** Runs one statement per item, sent as a JDBC batch; nothing for an empty collection. */
  public <T> void batch(String sql, Collection<T> items, Binder<T> binder) {
    if (items.isEmpty()) {
      return;
    }
    with(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T item : items) {
              binder.bind(ps, item);
              ps.addBatch();
            }
            ps.executeBatch();
            return null;
          }
        });
  }

  /**
   * Writes rows with PostgreSQL's {@code COPY ... FROM STDIN} (text format) on the caller's
   * connection: far cheaper per row than an {@code INSERT}, for appends that cannot conflict.
   * Values are typed as for {@link #bind}: strings, numbers, {@link UUID}, {@code byte[]} (as
   * bytea), {@link Instant}, null.
   *
   * @param target the table and its columns, e.g. {@code "log_leaf (leaf_index, leaf_hash)"}
   * @param row the column values of one item, in the order of {@code target}'s columns
   */
  public <T> void copy(String target, Collection<T> items, Function<T, Object[]> row) {
    if (items.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(items.size() * 96);
    for (T item : items) {
      CopyText.appendRow(text, row.apply(item));
    }
    String sql = "copy " + target + " from stdin";
    with(
        sql,
        c -> {
          try {
            c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(
                    sql,
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
            return null;
          } catch (IOException e) {
            throw new SQLException("sending COPY data failed", e);
          }
        });
  }

  /**
   * @return every row, mapped
   */
  public <T> List<T> list(String sql, Row<T> row, Object... args) {
    return with(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              List<T> out = new ArrayList<>();
              while (rs.next()) {
                out.add(row.map(rs));
              }
              return out;
            }
          }
        });
  }

  /**
   * @return the first row, mapped; empty when there is none
   */
  public <T> Optional<T> first(String sql, Row<T> row, Object... args) {
    return with(
        sql,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
            }
          }
        });
  }

  /**
   * @return the first column of the first row as a number (0 when there is no row or it is null)
   */
  public long number(String sql, Object... args) {
    return first(sql, rs -> rs.getLong(1), args).orElse(0L);
  }

  /**
   * @return whether the query finds a row
   */
  public boolean exists(String sql, Object... args) {
    return first(sql, rs -> Boolean.TRUE, args).isPresent();
  }

  /** Runs work on the caller's connection. */
  public <T> T with(String what, ConnectionWork<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new DataAccessException(what, e);
    }
  }

  /**
   * Binds parameters: {@link Instant} as a timestamp, {@link LocalDate} as a date, a {@link UUID}
   * natively, a {@code String[]}, {@code UUID[]}, {@code Long[]} or {@code byte[][]} as an SQL
   * array, null as an untyped null.
   */
  public static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      int p = i + 1;
      if (a == null) {
        ps.setNull(p, Types.NULL);
      } else if (a instanceof Instant t) {
        ps.setTimestamp(p, Timestamp.from(t));
      } else if (a instanceof LocalDate d) {
        ps.setDate(p, Date.valueOf(d));
      } else if (a instanceof String[] s) {
        ps.setArray(p, ps.getConnection().createArrayOf("text", s));
      } else if (a instanceof UUID[] u) {
        ps.setArray(p, ps.getConnection().createArrayOf("uuid", u));
      } else if (a instanceof byte[][] b) {
        ps.setArray(p, ps.getConnection().createArrayOf("bytea", b));
      } else if (a instanceof Long[] l) {
        ps.setArray(p, ps.getConnection().createArrayOf("bigint", l));
      } else {
        ps.setObject(p, a);
      }
    }
  }

  /**
   * @return a timestamp column as an instant, or null
   */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * @return a date column as a local date, or null
   */
  public static LocalDate date(ResultSet rs, String column) throws SQLException {
    Date d = rs.getDate(column);
    return d == null ? null : d.toLocalDate();
  }

  /**
   * @return a nullable bigint column
   */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
