package org.tbx.node.keys;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One of the node's Ed25519 signing keys; the newest active key signs new batches. */
@Entity
@Table(name = "node_key")
public class NodeKey extends PanacheEntityBase {

  @Id
  @Column(name = "key_id")
  public String keyId;

  /** The raw 32-byte public key. */
  @Column(name = "public_key")
  public byte[] publicKey;

  /** The PKCS#8 encoded private key. */
  @Column(name = "private_key")
  public byte[] privateKey;

  public boolean active;

  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  static Optional<NodeKey> newestActive() {
    return find("active = true order by createdAt desc").firstResultOptional();
  }
}
