package org.tbx.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and PostgreSQL server, and a fresh database schema
 * for each application start so runs never see each other's rows.
 */
public class TbxTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    Infrastructure infra = SharedInfrastructure.get();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return Map.of(
        "quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(),
        "quarkus.datasource.username", infra.postgres().username(),
        "quarkus.datasource.password", infra.postgres().password(),
        "tbx.db.schema", schema,
        "kafka.bootstrap.servers", infra.kafka().bootstrapServers());
  }

  @Override
  public void stop() {
    // The shared infrastructure outlives one application start; it stops when the JVM exits.
  }
}
