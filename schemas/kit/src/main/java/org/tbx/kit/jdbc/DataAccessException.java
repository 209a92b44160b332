package org.tbx.kit.jdbc;

import java.sql.SQLException;

/**
 * A statement the database refused or could not run; carries the {@link SQLException} and its SQL
 * state.
 */
public class DataAccessException extends RuntimeException {

  public DataAccessException(String what, SQLException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }

  /**
   * @return the SQL state, e.g. {@code 23505} for a unique violation, {@code 08006} for a lost
   *     connection
   */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
