package org.tbx.node.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tbx.protocol.Topics;

/**
 * Checks the adapter's settings before it starts and says, for each one that is missing or wrong,
 * which variable to set and how, instead of a stack trace. Settings may come from the environment
 * (TBX_*) or from system properties (-Dtbx.node.id=...).
 */
final class Preflight {

  private Preflight() {}

  /**
   * @return how many problems were printed
   */
  static int check(Map<String, String> env, Properties props, PrintStream err) {
    List<String> problems = new ArrayList<>();
    String nodeId = setting(env, props, "TBX_NODE_ID", "tbx.node.id");
    String dbUrl = setting(env, props, "TBX_DB_URL", "quarkus.datasource.jdbc.url");
    String kafka = setting(env, props, "TBX_KAFKA_BOOTSTRAP", "kafka.bootstrap.servers");
    if (nodeId == null) {
      problems.add(
          "TBX_NODE_ID is not set: the bank's node id as registered at the hub, e.g. TBX_NODE_ID=guilin");
    } else {
      try {
        Topics.requireNodeId(nodeId);
      } catch (IllegalArgumentException e) {
        problems.add("TBX_NODE_ID is not usable: " + e.getMessage());
      }
    }
    if (kafka == null) {
      problems.add(
          "TBX_KAFKA_BOOTSTRAP is not set: the federation's Kafka brokers, e.g. TBX_KAFKA_BOOTSTRAP=kafka.example:9092");
    }
    if (dbUrl == null) {
      problems.add(
          "TBX_DB_URL is not set: the adapter's PostgreSQL database, "
              + "e.g. TBX_DB_URL=jdbc:postgresql://localhost:5432/timebank (with TBX_DB_USER and TBX_DB_PASSWORD)");
    } else if (!dbUrl.startsWith("jdbc:postgresql://")) {
      problems.add("TBX_DB_URL must start with jdbc:postgresql://, was " + dbUrl);
    }
    String hubKey = setting(env, props, "TBX_HUB_PUBLIC_KEY", "tbx.node.hub-public-key");
    if (hubKey != null && !hubKey.matches("[0-9a-fA-F]{64}")) {
      problems.add(
          "TBX_HUB_PUBLIC_KEY must be the hub's 64-hex-digit public key (GET /api/v1/hub/key at the hub), was "
              + hubKey);
    }
    for (String[] url :
        new String[][] {
          {"TBX_HUB_URL", "tbx.node.hub-url"}, {"TBX_WEBHOOK_URL", "tbx.node.webhook-url"}
        }) {
      String value = setting(env, props, url[0], url[1]);
      if (value != null && !httpUrl(value)) {
        problems.add(url[0] + " must be an http:// or https:// URL, was " + value);
      }
    }
    if (setting(env, props, "TBX_HUB_URL", "tbx.node.hub-url") != null
        && setting(env, props, "TBX_HUB_TOKEN", "tbx.node.hub-token") == null) {
      problems.add(
          "TBX_HUB_TOKEN is not set: with TBX_HUB_URL the adapter calls the hub, which answers 401 without "
              + "this bank's token (role node, subject "
              + (nodeId == null ? "<node id>" : nodeId)
              + ")");
    }
    String jwtKey = setting(env, props, "TBX_JWT_PUBLIC_KEY", "mp.jwt.verify.publickey.location");
    if (jwtKey == null) {
      problems.add(
          "TBX_JWT_PUBLIC_KEY is not set: the PEM public key API tokens are verified with (token-verify-key.pem "
              + "from TokenTool keygen), or an OIDC provider's JWKS URL");
    } else if (!httpUrl(jwtKey) && !Files.isReadable(Path.of(jwtKey.replaceFirst("^file:", "")))) {
      problems.add("TBX_JWT_PUBLIC_KEY names " + jwtKey + ", which cannot be read");
    }
    String volunteerIdKey =
        setting(env, props, "TBX_VOLUNTEER_ID_KEY", "tbx.node.volunteer-id-key");
    if (volunteerIdKey != null && !volunteerIdKey.matches("([0-9a-fA-F]{2}){32,}")) {
      problems.add(
          "TBX_VOLUNTEER_ID_KEY must be the federation's volunteer-id key: at least 64 hex digits");
    }
    String keyFile = setting(env, props, "TBX_NODE_KEY_FILE", "tbx.node.key-file");
    if (keyFile != null && !Files.isReadable(Path.of(keyFile))) {
      problems.add("TBX_NODE_KEY_FILE names " + keyFile + ", which cannot be read");
    }
    if (problems.isEmpty() && dbUrl != null) {
      String user = setting(env, props, "TBX_DB_USER", "quarkus.datasource.username");
      String password = setting(env, props, "TBX_DB_PASSWORD", "quarkus.datasource.password");
      DriverManager.setLoginTimeout(10);
      try (Connection c =
          DriverManager.getConnection(
              dbUrl, user == null ? "timebank" : user, password == null ? "" : password)) {
        c.isValid(5);
      } catch (SQLException e) {
        problems.add(
            "cannot connect to the database at TBX_DB_URL="
                + dbUrl
                + " as "
                + (user == null ? "timebank" : user)
                + ": "
                + e.getMessage()
                + " (check that PostgreSQL runs there and TBX_DB_USER / TBX_DB_PASSWORD)");
      }
    }
    for (String p : problems) {
      err.println("tbx-node-adapter cannot start: " + p);
    }
    return problems.size();
  }

  private static boolean httpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String setting(
      Map<String, String> env, Properties props, String variable, String property) {
    String value = props.getProperty(property);
    if (value == null || value.isBlank()) {
      value = env.get(variable);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }
}
