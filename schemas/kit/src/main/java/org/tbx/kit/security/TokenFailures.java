package org.tbx.kit.security;

import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/** Says, in words a caller can act on, why a token was refused (PROTOCOL.md section 13). */
public final class TokenFailures {

  private TokenFailures() {}

  /**
   * @return the reason, found in the failure's causes; a generic one when none says more
   */
  public static String reason(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidJwtException jwt) {
        return reason(jwt);
      }
      if (t instanceof JoseException) {
        return "the token is not a signed JWT (header.payload.signature)";
      }
      if (t instanceof ParseException parse
          && parse.getMessage() != null
          && !parse.getMessage().startsWith("SRJWT")) {
        return parse.getMessage();
      }
    }
    return "the token could not be verified: send Authorization: Bearer <JWT> signed by the"
        + " federation's token key";
  }

  private static String reason(InvalidJwtException jwt) {
    if (jwt.hasExpired()) {
      return "the token has expired (beyond the clock skew); ask for a new one";
    }
    if (jwt.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
        || jwt.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
      return "the token's audience (aud) is not this federation's";
    }
    if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID)
        || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
      return "the token's issuer (iss) is not the one this service trusts";
    }
    if (jwt.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
        || jwt.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
      return "the token's signature does not verify with the federation's token key";
    }
    if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
      return "the token is not valid yet (nbf)";
    }
    if (jwt.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
      return "the token has no expiry (exp)";
    }
    if (jwt.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
      return "the token's claims are malformed";
    }
    return "the token could not be verified";
  }
}
