package org.tbx.kit.kafka;

import io.quarkus.logging.Log;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a service writes to, with the cluster's defaults, once per process. */
public final class TopicAdmin {

  private final KafkaSettings settings;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();

  public TopicAdmin(KafkaSettings settings) {
    this.settings = settings;
  }

  /**
   * Creates the topic unless it exists; a broker that does not answer is logged and the caller goes
   * on (a send then fails and is retried).
   *
   * @return whether the topic is known to exist
   */
  public boolean ensure(String topic) {
    if (ready.contains(topic)) {
      return true;
    }
    try (Admin admin = settings.admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
          .all()
          .get(15, TimeUnit.SECONDS);
      ready.add(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        ready.add(topic);
      } else {
        Log.warnf(
            "could not create topic %s (%s); publishing anyway", topic, e.getCause().toString());
      }
    } catch (TimeoutException e) {
      Log.warnf("Kafka did not answer while creating topic %s; publishing anyway", topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ready.contains(topic);
  }
}
