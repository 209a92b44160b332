package org.tbx.protocol.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.tbx.protocol.Topics;

/**
 * Who may do what on the federation's broker (PROTOCOL.md section 13), and the admin operations
 * that give it: bank X ({@code node-X}) writes {@code tbx.node.X.out} and reads {@code
 * tbx.node.X.in} (and its own {@code .out}, to find where it stopped after a crash); the hub reads
 * every {@code .out} and writes every {@code .in}. Anything not granted is refused by the broker.
 */
public final class KafkaGrants {

  /** The hub's principal. */
  public static final String HUB_USER = "hub";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private KafkaGrants() {}

  /**
   * @return bank X's principal name
   */
  public static String nodeUser(String nodeId) {
    return "node-" + Topics.requireNodeId(nodeId);
  }

  /**
   * @return bank X's consumer group
   */
  public static String nodeGroup(String nodeId) {
    return "tbx-node-" + Topics.requireNodeId(nodeId);
  }

  /**
   * @return 128 random bits as hex, a new principal's password
   */
  public static String newPassword() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The hub's use of its consumer group. */
  public static List<AclBinding> hub(String groupId) {
    return List.of(allow(HUB_USER, ResourceType.GROUP, groupId, AclOperation.READ));
  }

  /** Bank X's access to its two topics and its group. */
  public static List<AclBinding> bank(String nodeId) {
    String user = nodeUser(nodeId);
    String out = Topics.nodeOut(nodeId);
    String in = Topics.nodeIn(nodeId);
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation op :
        List.of(
            AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(user, ResourceType.TOPIC, out, op));
    }
    for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(user, ResourceType.TOPIC, in, op));
    }
    acls.add(allow(user, ResourceType.GROUP, nodeGroup(nodeId), AclOperation.READ));
    return acls;
  }

  /** The hub's access to bank X's two topics. */
  public static List<AclBinding> hubOnBank(String nodeId) {
    String out = Topics.nodeOut(nodeId);
    String in = Topics.nodeIn(nodeId);
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(HUB_USER, ResourceType.TOPIC, out, AclOperation.READ));
    acls.add(allow(HUB_USER, ResourceType.TOPIC, out, AclOperation.DESCRIBE));
    for (AclOperation op :
        List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(HUB_USER, ResourceType.TOPIC, in, op));
    }
    return acls;
  }

  /**
   * @return whether the cluster knows a SCRAM login of this principal
   */
  public static boolean loginExists(Admin admin, String user) {
    try {
      return admin
          .describeUserScramCredentials(List.of(user))
          .users()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS)
          .contains(user);
    } catch (ExecutionException e) {
      // ResourceNotFoundException: no such login
      return false;
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + WAIT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking Kafka about " + user, e);
    }
  }

  /**
   * @return those of the topics the cluster does not have yet
   */
  public static List<String> missingTopics(Admin admin, List<String> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      return topics.stream().filter(t -> !existing.contains(t)).toList();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not list its topics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    }
  }

  /**
   * Creates (or gives a new password to) a principal, creates the topics (one partition each;
   * existing ones are kept), grants the ACLs and waits until the broker applies them.
   *
   * @return the topics this call created (an existing topic is not listed)
   * @throws IllegalStateException when the cluster refuses or does not answer
   */
  public static List<String> provision(
      Admin admin, String user, String password, List<String> topics, List<AclBinding> acls) {
    List<String> created = new ArrayList<>();
    try {
      if (user != null) {
        admin
            .alterUserScramCredentials(
                List.of(
                    new UserScramCredentialUpsertion(
                        user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                        password)))
            .all()
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      for (String topic : topics) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
              .all()
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
          created.add(topic);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      if (!acls.isEmpty()) {
        admin.createAcls(acls).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      awaitVisible(admin, user, acls);
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka refused to provision "
              + (user == null ? "topics " + topics : "principal " + user)
              + ": "
              + (e.getCause() == null ? e : e.getCause()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning " + user, e);
    }
  }

  /**
   * Takes back what {@link #provision} gave: deletes the principal's login (if any), the ACLs and
   * the topics listed. Each step is tried even when an earlier one fails.
   *
   * @return what could not be removed, empty when everything was
   */
  public static List<String> withdraw(
      Admin admin, String user, List<AclBinding> acls, List<String> topics) {
    List<String> failures = new ArrayList<>();
    if (user != null && loginExists(admin, user)) {
      try {
        admin
            .alterUserScramCredentials(
                List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_256)))
            .all()
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        failures.add("login " + user + ": " + e);
      }
    }
    if (!acls.isEmpty()) {
      try {
        admin
            .deleteAcls(acls.stream().map(AclBinding::toFilter).toList())
            .all()
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        failures.add("ACLs of " + user + ": " + e);
      }
    }
    if (!topics.isEmpty()) {
      try {
        admin.deleteTopics(topics).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        failures.add("topics " + topics + ": " + e);
      }
    }
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
    }
    return failures;
  }

  /**
   * The controller commits at once; the broker applies the login and ACLs a moment later. Waits for
   * it.
   */
  private static void awaitVisible(Admin admin, String user, List<AclBinding> acls)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      try {
        boolean loginKnown = user == null || loginExists(admin, user);
        boolean aclsKnown = true;
        for (AclBinding acl : acls) {
          aclsKnown &=
              !admin
                  .describeAcls(
                      new AclBindingFilter(
                          new ResourcePatternFilter(
                              acl.pattern().resourceType(),
                              acl.pattern().name(),
                              PatternType.LITERAL),
                          new AccessControlEntryFilter(
                              acl.entry().principal(),
                              null,
                              acl.entry().operation(),
                              AclPermissionType.ALLOW)))
                  .values()
                  .get(5, TimeUnit.SECONDS)
                  .isEmpty();
        }
        if (loginKnown && aclsKnown) {
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // not there yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "the broker did not apply the login and ACLs of " + user + " within 30 s");
  }

  private static AclBinding allow(String user, ResourceType type, String name, AclOperation op) {
    return new AclBinding(
        new ResourcePattern(type, name, PatternType.LITERAL),
        new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
  }
}
