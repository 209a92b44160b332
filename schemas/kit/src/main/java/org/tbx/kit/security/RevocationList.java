package org.tbx.kit.security;

import java.util.Optional;

/**
 * The revoked tokens a service knows of, by {@code jti}; looked up on every request, so it answers
 * from memory.
 */
public interface RevocationList {

  /**
   * @return why the token was revoked, if it was
   */
  Optional<String> revoked(String jti);
}
