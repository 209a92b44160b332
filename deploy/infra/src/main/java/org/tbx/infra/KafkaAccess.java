package org.tbx.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.tbx.protocol.Topics;
import org.tbx.protocol.auth.KafkaGrants;

/**
 * Gives the federation's principals their Kafka logins and exactly the access {@link KafkaGrants}
 * says they need, as the super user, for tests and tools that run without a hub to admit banks.
 */
public final class KafkaAccess {

  /** The hub's principal. */
  public static final String HUB_USER = KafkaGrants.HUB_USER;

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
    return KafkaGrants.nodeUser(nodeId);
  }

  /**
   * Creates (or gives a new password to) the hub's principal, allowed to use its consumer group.
   */
  public KafkaCredentials hub(String groupId) {
    KafkaCredentials hub = new KafkaCredentials(HUB_USER, KafkaCredentials.newPassword());
    provision(hub, List.of(), KafkaGrants.hub(groupId));
    return hub;
  }

  /**
   * Creates (or gives a new password to) bank X's principal, creates its two topics, and grants it
   * and the hub their access to them.
   */
  public KafkaCredentials bank(String nodeId) {
    KafkaCredentials bank = new KafkaCredentials(nodeUser(nodeId), KafkaCredentials.newPassword());
    List<AclBinding> acls = new ArrayList<>(KafkaGrants.bank(nodeId));
    acls.addAll(KafkaGrants.hubOnBank(nodeId));
    provision(bank, List.of(Topics.nodeOut(nodeId), Topics.nodeIn(nodeId)), acls);
    return bank;
  }

  private void provision(KafkaCredentials login, List<String> topics, List<AclBinding> acls) {
    try (Admin admin = Admin.create(adminConfig)) {
      KafkaGrants.provision(admin, login.user(), login.password(), topics, acls);
    }
  }
}
