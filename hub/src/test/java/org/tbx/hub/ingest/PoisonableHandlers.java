package org.tbx.hub.ingest;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecordBase;
import org.tbx.protocol.ProtocolException;
import org.tbx.protocol.v1.ServiceRated;

/**
 * The hub's handlers, except that a rating whose comment is {@code poison} makes the applier throw,
 * as a hub bug on one odd record would, and one whose comment is {@code fatal} throws an {@link
 * Error} while {@link #FATAL_ARMED} is set, which ends the consumer thread: how the tests make a
 * poison record and a dead consumer.
 */
@Alternative
@Priority(1)
@Singleton
public class PoisonableHandlers extends EventHandlers {

  /** The comment that makes a rating poison. */
  public static final String POISON = "poison";

  /** The comment that makes a rating end the consumer thread, while armed. */
  public static final String FATAL = "fatal";

  /**
   * Whether a {@link #FATAL} rating throws; a test disarms it before starting the consumer again.
   */
  public static final AtomicBoolean FATAL_ARMED = new AtomicBoolean();

  PoisonableHandlers(Instance<EventHandler<?>> handlers) {
    super(handlers);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends SpecificRecordBase> Optional<EventHandler<T>> of(T payload) {
    if (payload instanceof ServiceRated rating && POISON.equals(rating.getComment())) {
      return Optional.of((EventHandler<T>) new Throwing());
    }
    if (payload instanceof ServiceRated rating
        && FATAL.equals(rating.getComment())
        && FATAL_ARMED.get()) {
      throw new AssertionError("a fatal hub error on this one record");
    }
    return super.of(payload);
  }

  /** A handler with a bug. */
  private static final class Throwing implements EventHandler<ServiceRated> {
    @Override
    public Class<ServiceRated> type() {
      return ServiceRated.class;
    }

    @Override
    public void apply(UnitOfWork work, EventContext<ServiceRated> event) throws ProtocolException {
      throw new IllegalStateException("a hub bug on this one record");
    }
  }
}
