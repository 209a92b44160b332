package org.tbx.node.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.tbx.node.submission.Submissions;

/**
 * What every write of the local API shares: the idempotency header and the answer to a first try or
 * a retry.
 */
final class Writes {

  /** The header carrying the caller's idempotency key. */
  static final String IDEMPOTENCY_KEY = Submissions.IDEMPOTENCY_KEY;

  static final String KEY_DOC =
      "A key unique to this request (1-128 printable ASCII characters, no spaces); "
          + "a retry with the same key and body returns the first outcome and writes nothing";

  /** Set to {@code true} on the answer to a retry: nothing new was written. */
  static final String REPLAYED = "Idempotent-Replayed";

  private Writes() {}

  /**
   * The answer to a write: 201 with the submission, located at {@code
   * /api/v1/submissions/<eventId>}.
   */
  static Response submitted(UriInfo uri, Submissions.Outcome outcome) {
    URI location =
        uri.getBaseUriBuilder()
            .path("api/v1/submissions")
            .path(outcome.event().eventId.toString())
            .build();
    return created(location, SubmissionResponse.of(outcome.event()), outcome.replayed());
  }

  static Response created(URI location, Object body, boolean replayed) {
    return Response.created(location).entity(body).header(REPLAYED, replayed).build();
  }
}
