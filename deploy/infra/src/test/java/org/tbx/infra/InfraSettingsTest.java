package org.tbx.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfraSettingsTest {

  @Test
  void explicitSettingsWinAndNothingIsProbedWithoutNeed() {
    InfraSettings s =
        InfraSettings.from(
            Map.of(
                "TBX_KAFKA_BOOTSTRAP",
                " kafka:9092 ",
                "TBX_DB_URL",
                "jdbc:postgresql://db:5432/tb",
                "TBX_DB_USER",
                "u",
                "TBX_DB_PASSWORD",
                "p"));
    assertEquals("kafka:9092", s.kafkaBootstrap().orElseThrow());
    assertEquals("jdbc:postgresql://db:5432/tb", s.dbUrl().orElseThrow());
    assertEquals("u", s.dbUser());
    assertEquals("p", s.dbPassword());
  }

  @Test
  void defaultsToAutoDetectionAndEmbeddedSkipsTheDockerProbe() {
    InfraSettings auto = InfraSettings.from(Map.of());
    assertTrue(auto.kafkaBootstrap().isEmpty());
    assertTrue(auto.dbUrl().isEmpty());
    assertTrue(auto.probeDocker());
    assertEquals("timebank", auto.dbUser());
    assertFalse(InfraSettings.from(Map.of("TBX_INFRA", "embedded")).probeDocker());
  }

  @Test
  void namesTheSettingThatIsWrong() {
    IllegalArgumentException url =
        assertThrows(
            IllegalArgumentException.class,
            () -> InfraSettings.from(Map.of("TBX_DB_URL", "postgres://db/tb")));
    assertTrue(
        url.getMessage().startsWith("TBX_DB_URL must be a PostgreSQL JDBC URL"), url.getMessage());
    IllegalArgumentException mode =
        assertThrows(
            IllegalArgumentException.class,
            () -> InfraSettings.from(Map.of("TBX_INFRA", "docker")));
    assertTrue(mode.getMessage().contains("TBX_INFRA"), mode.getMessage());
  }

  @Test
  void picksALoopbackPortThatCanBeBound() throws Exception {
    int port = FreePorts.pick();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(port, socket.getLocalPort());
    }
  }
}
