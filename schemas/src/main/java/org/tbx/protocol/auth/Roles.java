package org.tbx.protocol.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The four roles an API token can carry, in its {@code groups} claim; see PROTOCOL.md section 13.
 */
public final class Roles {

  /** Registers banks and their keys, decides on gaps and guarantee funds. */
  public static final String ADMIN = "admin";

  /** Reads everything, changes nothing. */
  public static final String REGULATOR = "regulator";

  /** A bank (its adapter or its own systems); the token's subject is the node id. */
  public static final String NODE = "node";

  /** A volunteer; the token's subject is the federation volunteer id. */
  public static final String VOLUNTEER = "volunteer";

  public static final List<String> ALL = List.of(ADMIN, REGULATOR, NODE, VOLUNTEER);

  /**
   * How long a token of each role may be valid ({@code exp - iat}) unless a service is configured
   * otherwise ({@code tbx.tokens.*-max-lifetime}): a day for the operator and a volunteer, a month
   * for the regulator, a year and a day for a bank's systems.
   */
  public static final Map<String, Duration> DEFAULT_MAX_LIFETIME =
      Map.of(
          ADMIN, Duration.ofDays(1),
          REGULATOR, Duration.ofDays(31),
          NODE, Duration.ofDays(366),
          VOLUNTEER, Duration.ofDays(1));

  private Roles() {}
}
