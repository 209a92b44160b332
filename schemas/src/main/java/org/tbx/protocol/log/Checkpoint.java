package org.tbx.protocol.log;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.tbx.protocol.Ed25519Keys;

/**
 * A signed statement of the log's size and root at a moment: signed with the hub's Ed25519 key over
 * {@code "tbx/v1/checkpoint" || 0x00 || treeSize (8 bytes BE) || rootHash (32) || timestamp (8
 * bytes BE ms)}.
 *
 * @param treeSize how many leaves the log held
 * @param rootHash the tree head of those leaves
 * @param timestamp when it was signed, epoch milliseconds
 * @param keyId the hub key that signed it
 * @param signature the Ed25519 signature
 */
public record Checkpoint(
    long treeSize, byte[] rootHash, long timestamp, String keyId, byte[] signature) {

  /**
   * @return the checkpoint signed with the hub's key
   */
  public static Checkpoint sign(
      long treeSize, byte[] rootHash, long timestamp, String keyId, PrivateKey key) {
    return new Checkpoint(
        treeSize,
        rootHash,
        timestamp,
        keyId,
        Ed25519Keys.sign(
            Ed25519Keys.CHECKPOINT_DOMAIN, key, message(treeSize, rootHash, timestamp)));
  }

  /**
   * @return whether the hub's key signed exactly these figures
   */
  public boolean signedBy(PublicKey hubKey) {
    return rootHash != null
        && rootHash.length == 32
        && signature != null
        && Ed25519Keys.verify(
            Ed25519Keys.CHECKPOINT_DOMAIN,
            hubKey,
            message(treeSize, rootHash, timestamp),
            signature);
  }

  static byte[] message(long treeSize, byte[] rootHash, long timestamp) {
    return ByteBuffer.allocate(48).putLong(treeSize).put(rootHash).putLong(timestamp).array();
  }
}
