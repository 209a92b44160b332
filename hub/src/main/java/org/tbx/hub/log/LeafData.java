package org.tbx.hub.log;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.tbx.hub.ledger.Transfer;

/**
 * What a leaf of the log says about an applied event, derived from the ledger alone, so the same
 * bytes can be derived again later and an edited row shows up as a different leaf hash:
 *
 * <pre>
 * tbx/v1/log-leaf
 * event &lt;eventId&gt;
 * node &lt;nodeId&gt;
 * sequence &lt;sequence&gt;
 * type &lt;eventType&gt;
 * payload &lt;SHA-256 of the encoded payload, hex&gt;
 * transfer &lt;debit account&gt; &lt;credit account&gt; &lt;minutes&gt; &lt;code&gt;   (one per posted transfer, in posting order)
 * </pre>
 *
 * @param transfers what the event posted, in posting order
 */
public record LeafData(
    UUID eventId,
    String nodeId,
    long sequence,
    String eventType,
    byte[] payloadSha256,
    List<Transfer> transfers) {

  /**
   * @return the leaf's data, UTF-8
   */
  public byte[] bytes() {
    StringBuilder b =
        new StringBuilder("tbx/v1/log-leaf\n")
            .append("event ")
            .append(eventId)
            .append('\n')
            .append("node ")
            .append(nodeId)
            .append('\n')
            .append("sequence ")
            .append(sequence)
            .append('\n')
            .append("type ")
            .append(eventType)
            .append('\n')
            .append("payload ")
            .append(HexFormat.of().formatHex(payloadSha256))
            .append('\n');
    for (Transfer t : transfers) {
      b.append("transfer ")
          .append(t.debit().id())
          .append(' ')
          .append(t.credit().id())
          .append(' ')
          .append(t.amountMinutes())
          .append(' ')
          .append(t.code())
          .append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
