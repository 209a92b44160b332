package org.tbx.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the bank's own system (which receives webhook pushes) and for the hub's sign-in
 * links and balance API, on a free port: pushes are recorded, the first {@link #failures} are
 * answered 500 to exercise retries.
 */
public class BankSystemStub implements QuarkusTestResourceLifecycleManager {

  static final List<String> PUSHES = new CopyOnWriteArrayList<>();
  static final AtomicInteger failures = new AtomicInteger();

  /** Only pushes whose body contains this fail (others in flight from other tests pass). */
  static final AtomicReference<String> failOnly = new AtomicReference<>("");

  static final AtomicInteger attempts = new AtomicInteger();

  /**
   * The hub's balance answer; null makes the stub answer 503, as a hub that is down. The stub also
   * serves the notice batches {@link TestHub} sealed, as the hub's API does.
   */
  static final AtomicReference<String> hubBalance = new AtomicReference<>();

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/webhook",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          attempts.incrementAndGet();
          int status =
              body.contains(failOnly.get()) && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                  ? 500
                  : 204;
          if (status == 204) {
            PUSHES.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.createContext(
        "/hub/api/v1/volunteers/",
        exchange -> {
          if (exchange.getRequestURI().getPath().endsWith("/sign-in-links")) {
            byte[] link =
                ("{\"volunteerId\":\"v\",\"url\":\"http://hub.example/me/sign-in/stub\","
                        + "\"expiresAt\":\"2026-12-01T00:10:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, link.length);
            exchange.getResponseBody().write(link);
            exchange.close();
            return;
          }
          if (exchange.getRequestURI().getPath().endsWith("/standing")) {
            // The stub hub refuses a volunteer whose id says so, as the real one refuses a bank
            // that does not serve them; every other gets a fixed score.
            boolean refused = exchange.getRequestURI().getPath().contains("not-served");
            byte[] answer =
                (refused
                        ? "{\"error\":\"FORBIDDEN\",\"message\":\"this token may not read it\"}"
                        : "{\"score\":512,\"rulebookVersion\":3,\"factors\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(refused ? 403 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            return;
          }
          String answer = hubBalance.get();
          byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              answer == null ? 503 : 200, answer == null ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.createContext(
        "/hub/api/v1/nodes/",
        exchange -> {
          String[] path = exchange.getRequestURI().getPath().split("/");
          String query = exchange.getRequestURI().getQuery();
          long after =
              query == null ? 0 : Long.parseLong(query.replaceAll(".*after=(\\d+).*", "$1"));
          byte[] bytes =
              new ObjectMapper().writeValueAsBytes(TestHub.sentAfter(path[path.length - 2], after));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    return Map.of("tbx.node.webhook-url", base + "/webhook", "tbx.node.hub-url", base + "/hub");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
