package org.tbx.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
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
 * Gives the federation's principals their Kafka logins and exactly the access they need, as the
 * super user: bank X ({@code node-X}) writes {@code tbx.node.X.out} and reads {@code tbx.node.X.in}
 * (and its own {@code .out}, to find where it stopped after a crash); the hub reads every {@code
 * .out} and writes every {@code .in}. Anything not granted is refused by the broker.
 */
public final class KafkaAccess {

  /** The hub's principal. */
  public static final String HUB_USER = "hub";

  private final Map<String, Object> adminConfig;

  /**
   * @throws IllegalStateException when the cluster has no super user to act as
   */
  public KafkaAccess(KafkaService kafka) {
    if (kafka.superUser().isEmpty()) {
      throw new IllegalStateException(kafka.description() + " has no authentication to provision");
    }
    this.adminConfig = kafka.superUserClientConfig();
  }

  /**
   * @return bank X's principal name
   */
  public static String nodeUser(String nodeId) {
    return "node-" + Topics.requireNodeId(nodeId);
  }

  /**
   * Creates (or gives a new password to) the hub's principal, allowed to use its consumer group.
   */
  public KafkaCredentials hub(String groupId) {
    KafkaCredentials hub = new KafkaCredentials(HUB_USER, KafkaCredentials.newPassword());
    List<AclBinding> acls =
        List.of(allow(HUB_USER, ResourceType.GROUP, groupId, AclOperation.READ));
    provision(hub, List.of(), acls);
    return hub;
  }

  /**
   * Creates (or gives a new password to) bank X's principal, creates its two topics, and grants it
   * and the hub their access to them.
   */
  public KafkaCredentials bank(String nodeId) {
    KafkaCredentials bank = new KafkaCredentials(nodeUser(nodeId), KafkaCredentials.newPassword());
    String out = Topics.nodeOut(nodeId);
    String in = Topics.nodeIn(nodeId);
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation op :
        List.of(
            AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(bank.user(), ResourceType.TOPIC, out, op));
    }
    for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(bank.user(), ResourceType.TOPIC, in, op));
    }
    acls.add(allow(bank.user(), ResourceType.GROUP, "tbx-node-" + nodeId, AclOperation.READ));
    acls.add(allow(HUB_USER, ResourceType.TOPIC, out, AclOperation.READ));
    acls.add(allow(HUB_USER, ResourceType.TOPIC, out, AclOperation.DESCRIBE));
    for (AclOperation op :
        List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(HUB_USER, ResourceType.TOPIC, in, op));
    }
    provision(bank, List.of(out, in), acls);
    return bank;
  }

  private void provision(KafkaCredentials login, List<String> topics, List<AclBinding> acls) {
    try (Admin admin = Admin.create(adminConfig)) {
      admin
          .alterUserScramCredentials(
              List.of(
                  new UserScramCredentialUpsertion(
                      login.user(),
                      new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192),
                      login.password())))
          .all()
          .get(30, TimeUnit.SECONDS);
      for (String topic : topics) {
        try {
          admin
              .createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
              .all()
              .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
      awaitVisible(admin, login.user(), acls);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "provisioning Kafka principal " + login.user() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning " + login.user(), e);
    }
  }

  /**
   * The controller commits at once; the broker applies the login and ACLs a moment later. Waits for
   * it.
   */
  private static void awaitVisible(Admin admin, String user, List<AclBinding> acls)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      try {
        boolean loginKnown =
            !admin
                .describeUserScramCredentials(List.of(user))
                .all()
                .get(5, TimeUnit.SECONDS)
                .isEmpty();
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
