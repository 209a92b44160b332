package org.tbx.hub.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tbx.kit.api.ApiException;
import org.tbx.protocol.auth.Roles;

/**
 * Who is calling, from their verified token, and whose data they may read: the admin and the
 * regulator read everything, a bank its own, a volunteer their own. Roles on each endpoint are
 * checked before this.
 */
@RequestScoped
public class Caller {

  @Inject SecurityIdentity identity;

  /**
   * The caller's verified API token (the security identity's principal: with quarkus-oidc on the
   * classpath, an injected {@code JsonWebToken} would be the identity provider's, not the API's).
   */
  private JsonWebToken token() {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      return jwt;
    }
    throw ApiException.forbidden("this request carries no API token");
  }

  /**
   * @return true for the admin and the regulator
   */
  public boolean readsAll() {
    return token().getGroups().contains(Roles.ADMIN)
        || token().getGroups().contains(Roles.REGULATOR);
  }

  /**
   * @return the calling bank's node id, when the caller is a bank
   */
  public Optional<String> node() {
    return token().getGroups().contains(Roles.NODE)
        ? Optional.ofNullable(token().getSubject())
        : Optional.empty();
  }

  /**
   * @return the calling volunteer's id, when the caller is a volunteer
   */
  public Optional<String> volunteer() {
    return token().getGroups().contains(Roles.VOLUNTEER)
        ? Optional.ofNullable(token().getSubject())
        : Optional.empty();
  }

  /**
   * @return who the token is for: the operator, the authority, the node id or the volunteer id
   */
  public String subject() {
    return token().getSubject();
  }

  /**
   * Lets the caller read a bank's data.
   *
   * @throws ApiException 403 unless the caller reads everything or is that bank
   */
  public void requireNode(String nodeId) {
    if (readsAll() || node().filter(nodeId::equals).isPresent()) {
      return;
    }
    throw ApiException.forbidden(
        "this token may read only the data of " + who() + ", not of node " + nodeId);
  }

  /**
   * Lets the caller read a volunteer's data: the volunteer, a bank that serves them, or a reader of
   * everything.
   *
   * @param servedBy whether a given bank serves the volunteer (is their home bank or has moved
   *     their minutes)
   * @throws ApiException 403 otherwise
   */
  public void requireVolunteer(String volunteerId, Predicate<String> servedBy) {
    if (readsAll()) {
      return;
    }
    if (volunteer().filter(volunteerId::equals).isPresent()) {
      return;
    }
    if (node().filter(servedBy).isPresent()) {
      return;
    }
    throw ApiException.forbidden(
        "this token may not read volunteer " + volunteerId + "'s data: it is for " + who());
  }

  private String who() {
    return token().getGroups() + " " + token().getSubject();
  }
}
