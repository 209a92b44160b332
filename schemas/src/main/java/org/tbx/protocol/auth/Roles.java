package org.tbx.protocol.auth;

import java.util.List;

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

  private Roles() {}
}
