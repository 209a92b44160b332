package org.tbx.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.SystemLimitException;
import org.junit.jupiter.api.Test;
import org.tbx.protocol.v1.EventRejected;
import org.tbx.protocol.v1.HubNotice;
import org.tbx.protocol.v1.NodeBatch;
import org.tbx.protocol.v1.NodeEvent;
import org.tbx.protocol.v1.NoticeBatch;
import org.tbx.protocol.v1.ReasonCode;
import org.tbx.protocol.v1.SignedBatch;

class BatchCodecTest {

  private static final KeyPair KEYS = Fixtures.keys(7);
  private static final String KEY_ID = Ed25519Keys.keyId(KEYS.getPublic());

  private static BatchCodec.Sealed sealed() {
    NodeBatch batch =
        Fixtures.batch(
            BatchCodec.GENESIS_HASH, Fixtures.enrolled(1, "v-1"), Fixtures.deposit(2, "v-1", 90));
    return BatchCodec.seal(batch, KEYS.getPrivate(), KEY_ID);
  }

  @Test
  void opensWhatItSealedAndVerifiesTheSignature() throws Exception {
    BatchCodec.Sealed sealed = sealed();
    BatchCodec.Opened opened = BatchCodec.open(sealed.value());
    assertEquals(2, opened.batch().getEvents().size());
    assertEquals(KEY_ID, opened.signed().getKeyId());
    assertArrayEquals(sealed.batchHash(), opened.batchHash());
    assertTrue(opened.signedBy(KEYS.getPublic()));
    assertFalse(opened.signedBy(Fixtures.keys(8).getPublic()));
  }

  @Test
  void bytesAfterTheDatumAreRefused() {
    byte[] value = sealed().value();
    byte[] longer = Arrays.copyOf(value, value.length + 3);
    ProtocolException e = assertThrows(ProtocolException.class, () -> BatchCodec.open(longer));
    assertEquals(ReasonCode.UNDECODABLE, e.reason());
    assertTrue(e.getMessage().contains("3 bytes after its datum"), e.getMessage());
  }

  @Test
  void recordsAreAvroSingleObjectEncoded() {
    byte[] value = sealed().value();
    assertEquals((byte) 0xC3, value[0]);
    assertEquals((byte) 0x01, value[1]);
  }

  @Test
  void encodingIsDeterministicSoHashesAndSignaturesRepeat() {
    assertArrayEquals(sealed().value(), sealed().value());
    NodeEvent event = Fixtures.deposit(5, "v-2", 30);
    assertArrayEquals(BatchCodec.encode(event), BatchCodec.encode(Fixtures.deposit(5, "v-2", 30)));
    assertEquals(event, BatchCodec.decodeEvent(BatchCodec.encode(event)));
  }

  @Test
  void keyIdsAndRawKeysRoundTrip() {
    byte[] raw = Ed25519Keys.rawPublicKey(KEYS.getPublic());
    assertEquals(32, raw.length);
    assertEquals(KEY_ID, Ed25519Keys.keyId(Ed25519Keys.publicKey(raw)));
    assertEquals(16, KEY_ID.length());
    assertEquals(KEYS.getPrivate(), Ed25519Keys.privateKey(KEYS.getPrivate().getEncoded()));
  }

  @Test
  void rejectsEmptyOversizedForeignAndTruncatedBytesWithTheirReasons() {
    assertReason(ReasonCode.EMPTY_RECORD, new byte[0]);
    assertReason(ReasonCode.TOO_LARGE, new byte[BatchCodec.MAX_RECORD_BYTES + 1]);
    assertReason(ReasonCode.UNKNOWN_SCHEMA, "{\"json\":true}".getBytes());
    byte[] foreign = sealed().value();
    foreign[5] ^= 0x55;
    assertReason(ReasonCode.UNKNOWN_SCHEMA, foreign);
    byte[] full = sealed().value();
    assertReason(ReasonCode.UNDECODABLE, Arrays.copyOf(full, full.length - 40));
  }

  @Test
  void rejectsAHugeDeclaredArrayWithoutAllocatingIt() {
    // A signed batch whose body is a NodeBatch header followed by an array block claiming 2^30
    // events.
    byte[] header =
        Arrays.copyOf(
            BatchCodec.encode(Fixtures.batch(BatchCodec.GENESIS_HASH, Fixtures.deposit(1, "v", 5))),
            10);
    byte[] body =
        concat(
            header,
            new byte[] {12, 'g', 'u', 'i', 'l', 'i', 'n', 2},
            new byte[32],
            zigzag(1L << 30));
    byte[] value =
        BatchCodec.encode(
            new SignedBatch(ByteBuffer.wrap(body), KEY_ID, ByteBuffer.wrap(new byte[64])));
    ProtocolException e = assertThrows(ProtocolException.class, () -> BatchCodec.open(value));
    assertEquals(ReasonCode.UNDECODABLE, e.reason());
    assertTrue(
        e.getCause() instanceof SystemLimitException, "refused by the item limit: " + e.getCause());
  }

  static byte[] zigzag(long n) {
    long z = (n << 1) ^ (n >> 63);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((z & ~0x7FL) != 0) {
      out.write((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.write((int) z);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static void assertReason(ReasonCode expected, byte[] bytes) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> BatchCodec.open(bytes));
    assertEquals(expected, e.reason(), e.getMessage());
  }

  @Test
  void sealsAndOpensTheHubsNoticesUnderTheirOwnDomain() throws Exception {
    KeyPair hub = Fixtures.keys(9);
    NoticeBatch notices =
        new NoticeBatch(
            Fixtures.NODE,
            1L,
            BatchCodec.sha256(BatchCodec.GENESIS_HASH),
            List.of(
                new HubNotice(
                    Fixtures.id(1),
                    Fixtures.T0,
                    new EventRejected(
                        Fixtures.id(2), 2L, 7L, ReasonCode.BAD_SIGNATURE, "flipped bit"))));
    BatchCodec.Sealed sealed =
        BatchCodec.sealNotices(notices, hub.getPrivate(), Ed25519Keys.keyId(hub.getPublic()));
    BatchCodec.OpenedNotices opened = BatchCodec.openNotices(sealed.value());
    assertEquals(notices, opened.batch());
    assertTrue(opened.signedBy(hub.getPublic()));
    assertArrayEquals(sealed.batchHash(), opened.batchHash());
    // A node batch signature cannot be passed off as a notice signature: the domain tags differ.
    byte[] body = opened.body();
    byte[] nodeDomainSignature =
        Ed25519Keys.sign(Ed25519Keys.NODE_BATCH_DOMAIN, hub.getPrivate(), body);
    assertFalse(
        Ed25519Keys.verify(
            Ed25519Keys.NOTICE_BATCH_DOMAIN, hub.getPublic(), body, nodeDomainSignature));
    assertThrows(ProtocolException.class, () -> BatchCodec.open(sealed.value()));
  }

  @Test
  void namesTopicsAndRecognisesNodeOutTopics() {
    assertEquals("tbx.node.guilin.out", Topics.nodeOut("guilin"));
    assertEquals("tbx.node.beihai.in", Topics.nodeIn("beihai"));
    assertEquals("guilin", Topics.nodeIdOfOut("tbx.node.guilin.out").orElseThrow());
    assertTrue(Topics.nodeIdOfOut("tbx.node.guilin.in").isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Topics.nodeOut("Bad Id"));
    assertTrue(e.getMessage().contains("node id must match"));
  }
}
