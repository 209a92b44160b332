package org.tbx.sandbox;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;

/** A bank's stream as the benchmarks write it: its key, its sequence and its hash chain. */
final class BankStream {

  final String node;
  final KeyPair keys = Ed25519Keys.generate();
  private long sequence;
  private byte[] previous = BatchCodec.GENESIS_HASH;

  BankStream(String node) {
    this.node = node;
  }

  /**
   * @return the payloads sealed as the stream's next batch, each a new event with a fresh id
   */
  byte[] seal(Object... payloads) {
    Instant now = Instant.now();
    List<NodeEvent> events = new ArrayList<>();
    long first = sequence + 1;
    for (Object p : payloads) {
      events.add(new NodeEvent(UUID.randomUUID().toString(), node, ++sequence, now, now, p));
    }
    BatchCodec.Sealed sealed =
        BatchCodec.seal(
            new NodeBatch(node, first, BatchCodec.sha256(previous), events),
            keys.getPrivate(),
            Ed25519Keys.keyId(keys.getPublic()));
    previous = sealed.batchHash();
    return sealed.value();
  }
}
