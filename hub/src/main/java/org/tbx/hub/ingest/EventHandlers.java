package org.tbx.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;

/** Every event handler, found by payload type. */
@ApplicationScoped
public class EventHandlers {

  private final Map<Class<?>, EventHandler<?>> byType = new HashMap<>();

  EventHandlers(Instance<EventHandler<?>> handlers) {
    for (EventHandler<?> handler : handlers) {
      EventHandler<?> earlier = byType.put(handler.type(), handler);
      if (earlier != null) {
        throw new IllegalStateException(
            "two handlers for "
                + handler.type().getSimpleName()
                + ": "
                + earlier.getClass()
                + ", "
                + handler.getClass());
      }
    }
  }

  /**
   * @return the handler of a payload's type, if this hub applies it
   */
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecordBase> Optional<EventHandler<T>> of(T payload) {
    return Optional.ofNullable((EventHandler<T>) byType.get(payload.getClass()));
  }

  /**
   * @return the volunteer the payload is mainly about, or null
   */
  public String volunteerOf(Object payload) {
    if (payload instanceof SpecificRecordBase record) {
      return of(record).map(h -> h.volunteerOf(record)).orElse(null);
    }
    return null;
  }
}
