package org.tbx.protocol;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Topic names of the federation and the shape of a node id. */
public final class Topics {

  /**
   * A node id: lower-case letters, digits and dashes, 2 to 32 characters, starting with a letter.
   */
  public static final Pattern NODE_ID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  /**
   * Node ids no bank may take: {@code hub} names the hub's own events (an upheld dispute's
   * compensation).
   */
  public static final Set<String> RESERVED_NODE_IDS = Set.of("hub");

  private static final Pattern NODE_OUT =
      Pattern.compile("tbx\\.node\\.(" + NODE_ID.pattern() + ")\\.out");

  private static final Pattern NODE_IN =
      Pattern.compile("tbx\\.node\\.(" + NODE_ID.pattern() + ")\\.in");

  private Topics() {}

  /**
   * @param nodeId a valid node id
   * @return the topic a node publishes its event batches to
   * @throws IllegalArgumentException when the node id does not match {@link #NODE_ID}
   */
  public static String nodeOut(String nodeId) {
    return "tbx.node." + requireNodeId(nodeId) + ".out";
  }

  /**
   * @param nodeId a valid node id
   * @return the topic the hub sends a node's notices to
   * @throws IllegalArgumentException when the node id does not match {@link #NODE_ID}
   */
  public static String nodeIn(String nodeId) {
    return "tbx.node." + requireNodeId(nodeId) + ".in";
  }

  /**
   * @return the node id a {@code tbx.node.<nodeId>.out} topic belongs to, if the name has that
   *     shape
   */
  public static Optional<String> nodeIdOfOut(String topic) {
    Matcher m = NODE_OUT.matcher(Objects.requireNonNull(topic, "topic"));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * @return the node id a {@code tbx.node.<nodeId>.in} topic belongs to, if the name has that shape
   */
  public static Optional<String> nodeIdOfIn(String topic) {
    Matcher m = NODE_IN.matcher(Objects.requireNonNull(topic, "topic"));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * @return the node id, unchanged
   * @throws IllegalArgumentException when it does not match {@link #NODE_ID}
   */
  public static String requireNodeId(String nodeId) {
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException(
          "node id must match "
              + NODE_ID.pattern()
              + " (lower-case letters, digits, dashes), was: "
              + nodeId);
    }
    return nodeId;
  }
}
