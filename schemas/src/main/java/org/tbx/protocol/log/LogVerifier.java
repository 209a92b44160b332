package org.tbx.protocol.log;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tbx.protocol.Ed25519Keys;

/**
 * Checks the hub's log with nothing but the hub's public key: the newest checkpoint's signature,
 * that an event is in the log (its leaf data names it and hashes to the proven leaf), and that the
 * log only grew since a checkpoint seen before. Needs only the JDK and this jar:
 *
 * <pre>
 * java -cp tbx-schemas.jar org.tbx.protocol.log.LogVerifier --hub URL --key HEX [--event ID] [--since SIZE:ROOTHEX] [--token JWT]
 * </pre>
 *
 * Checkpoints and consistency proofs are public; an event's inclusion proof needs a token (or
 * {@code TBX_TOKEN}) of the admin, the regulator, the event's bank or a volunteer whose minutes it
 * moves. Exit code 0 when everything verifies, 1 when something does not, 2 for unusable arguments
 * or an unreachable hub.
 */
public final class LogVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrintStream out;
  private String token;

  public LogVerifier(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new LogVerifier(System.out).run(args));
  }

  /**
   * @return the exit code
   */
  public int run(String[] args) {
    String hub = null;
    String key = null;
    String event = null;
    String since = null;
    token = System.getenv("TBX_TOKEN");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--hub" -> hub = args[i + 1];
        case "--key" -> key = args[i + 1];
        case "--token" -> token = args[i + 1];
        case "--event" -> event = args[i + 1];
        case "--since" -> since = args[i + 1];
        default -> {
          out.println("unknown option " + args[i]);
          return 2;
        }
      }
    }
    if (hub == null || key == null || args.length % 2 != 0) {
      out.println(
          "usage: LogVerifier --hub URL --key HUB_PUBLIC_KEY_HEX [--event EVENT_ID] [--since SIZE:ROOT_HEX] [--token JWT]");
      return 2;
    }
    PublicKey hubKey;
    try {
      hubKey = Ed25519Keys.publicKey(HEX.parseHex(key));
    } catch (IllegalArgumentException e) {
      out.println("--key must be the hub's 64-hex-digit public key: " + e.getMessage());
      return 2;
    }
    try {
      Checkpoint checkpoint = checkpoint(get(hub + "/api/v1/log/checkpoint"));
      if (!checkpoint.signedBy(hubKey)) {
        out.println(
            "FAIL the newest checkpoint (size "
                + checkpoint.treeSize()
                + ") is not signed by this hub key");
        return 1;
      }
      out.println(
          "ok   checkpoint: "
              + checkpoint.treeSize()
              + " leaves, root "
              + HEX.formatHex(checkpoint.rootHash())
              + ", signed by the hub");
      boolean ok = true;
      if (since != null) {
        ok &= consistent(hub, since, checkpoint);
      }
      if (event != null) {
        ok &= included(hub, event, checkpoint);
      }
      return ok ? 0 : 1;
    } catch (IOException | IllegalStateException e) {
      out.println("cannot read the log at " + hub + ": " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private boolean included(String hub, String eventId, Checkpoint checkpoint)
      throws IOException, InterruptedException {
    String body =
        get(
            hub
                + "/api/v1/log/inclusion?eventId="
                + URLEncoder.encode(eventId, StandardCharsets.UTF_8)
                + "&treeSize="
                + checkpoint.treeSize());
    long index = Long.parseLong(field(body, "leafIndex"));
    String data = unescape(field(body, "leafData"));
    byte[] leaf = MerkleTree.leafHash(data.getBytes(StandardCharsets.UTF_8));
    if (!data.contains("\nevent " + eventId + "\n")) {
      out.println("FAIL the leaf served for " + eventId + " names another event");
      return false;
    }
    if (MerkleTree.verifyInclusion(
        index, checkpoint.treeSize(), leaf, hashes(body), checkpoint.rootHash())) {
      out.println("ok   event " + eventId + " is leaf " + index + " of the checkpointed log");
      return true;
    }
    out.println(
        "FAIL event "
            + eventId
            + " is not proven in the checkpointed log (its leaf data or the proof was altered)");
    return false;
  }

  private boolean consistent(String hub, String since, Checkpoint checkpoint)
      throws IOException, InterruptedException {
    String[] parts = since.split(":");
    long size = Long.parseLong(parts[0]);
    byte[] root = HEX.parseHex(parts[1]);
    if (size > checkpoint.treeSize()) {
      out.println(
          "FAIL the log shrank: it had "
              + size
              + " leaves, its newest checkpoint has "
              + checkpoint.treeSize());
      return false;
    }
    String body =
        get(hub + "/api/v1/log/consistency?first=" + size + "&second=" + checkpoint.treeSize());
    if (MerkleTree.verifyConsistency(
        size, checkpoint.treeSize(), root, checkpoint.rootHash(), hashes(body))) {
      out.println(
          "ok   the log of "
              + checkpoint.treeSize()
              + " leaves extends the one of "
              + size
              + " seen before");
      return true;
    }
    out.println(
        "FAIL the log of "
            + checkpoint.treeSize()
            + " leaves does not extend the one of "
            + size
            + " seen before: history was rewritten");
    return false;
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static Checkpoint checkpoint(String body) {
    return new Checkpoint(
        Long.parseLong(field(body, "treeSize")),
        HEX.parseHex(field(body, "rootHash")),
        Long.parseLong(field(body, "timestamp")),
        field(body, "keyId"),
        HEX.parseHex(field(body, "signature")));
  }

  /** A top-level string or number field of the hub's flat JSON answers. */
  private static String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))")
            .matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("the answer has no " + name + ": " + json);
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }

  private static List<byte[]> hashes(String json) {
    Matcher array = Pattern.compile("\"proof\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
    List<byte[]> out = new ArrayList<>();
    if (array.find()) {
      Matcher hex = Pattern.compile("\"([0-9a-f]{64})\"").matcher(array.group(1));
      while (hex.find()) {
        out.add(HEX.parseHex(hex.group(1)));
      }
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> b.append(n);
      }
    }
    return b.toString();
  }
}
