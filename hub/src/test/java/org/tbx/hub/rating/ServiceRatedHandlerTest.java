package org.tbx.hub.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ingest.ProcessedEvents;
import org.tbx.hub.ingest.TestWork;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.RaterRole;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.ServiceRated;

class ServiceRatedHandlerTest {

  private final ProcessedEvents processed = mock(ProcessedEvents.class);
  private final RatingRepository ratings = mock(RatingRepository.class);
  private final ServiceRatedHandler handler = new ServiceRatedHandler(processed, ratings);
  private final TestWork t = new TestWork(Instant.parse("2026-11-28T01:00:00Z"));

  @Test
  void keepsARatingAgainstTheRatedServicesVolunteer() throws Exception {
    UUID service = UUID.randomUUID();
    when(processed.applied(service))
        .thenReturn(
            Optional.of(new ProcessedEvents.Applied(service, "guilin", "ServiceRecorded", "v-1")));
    t.apply(
        handler, "guilin", new ServiceRated(service.toString(), RaterRole.RECIPIENT, 5, "kind"));
    verify(ratings)
        .insert(any(), eq("guilin"), eq(service), eq("v-1"), eq("RECIPIENT"), eq(5), eq("kind"));
  }

  @Test
  void refusesStarsOutOfRangeAndAServiceTheHubNeverApplied() {
    assertEquals(
        ReasonCode.INVALID_FIELD,
        assertThrows(
                ProtocolException.class,
                () ->
                    t.apply(
                        handler,
                        "guilin",
                        new ServiceRated(
                            UUID.randomUUID().toString(), RaterRole.ORGANISER, 6, null)))
            .reason());
    assertEquals(
        ReasonCode.UNKNOWN_EVENT,
        assertThrows(
                ProtocolException.class,
                () ->
                    t.apply(
                        handler,
                        "guilin",
                        new ServiceRated(
                            UUID.randomUUID().toString(), RaterRole.ORGANISER, 4, null)))
            .reason());
  }
}
