package org.tbx.kit.api;

import jakarta.ws.rs.core.Response;

/**
 * What an idempotent write answered: created (201), or the first write under the same id when the
 * same was sent again (200).
 */
public record Written<T>(boolean created, T value) {

  /**
   * @return 201 or 200 with the value
   */
  public Response response() {
    return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
        .entity(value)
        .build();
  }
}
