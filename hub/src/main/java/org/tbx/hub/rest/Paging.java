package org.tbx.hub.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A list's {@code page} and {@code size} query parameters, read as text so that a wrong value is answered with a
 * 400 naming the parameter (JAX-RS answers a bare 404 for a query parameter it cannot convert).
 */
public class Paging {

  @QueryParam("page")
  @Parameter(description = "page number, from 0 (default 0)")
  String page;

  @QueryParam("size")
  @Parameter(description = "items per page, 1 to 500 (default 50)")
  String size;

  public int page() {
    return integer("page", page, 0, 0, Integer.MAX_VALUE);
  }

  public int size() {
    return integer("size", size, 50, 1, 500);
  }

  private static int integer(String name, String value, int absent, int min, int max) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new WebApplicationException(Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
        .entity(new ErrorResponse("INVALID_FIELD", name + " must be a whole number within " + min + ".." + max + ", was " + value))
        .build());
  }
}
