package org.tbx.infra;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.util.List;

/**
 * Makes RestAssured send a given token when a request has none, for tests about something other
 * than access control.
 */
public final class TestAuth {

  private TestAuth() {}

  /** Every request without an Authorization header gets this role's token. */
  public static void as(String role, String subject) {
    String bearer = "Bearer " + TestTokens.token(role, subject);
    Filter filter =
        (request, response, context) -> {
          if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", bearer);
          }
          return context.next(request, response);
        };
    RestAssured.replaceFiltersWith(List.of(filter));
  }

  /** Requests carry only the headers the test gives them. */
  public static void none() {
    RestAssured.replaceFiltersWith(List.<Filter>of());
  }
}
