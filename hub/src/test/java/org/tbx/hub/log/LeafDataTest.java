package org.tbx.hub.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.ledger.TransferCode;
import org.tbx.protocol.BatchCodec;
import org.tbx.protocol.Ed25519Keys;
import org.tbx.protocol.log.MerkleTree;
import org.tbx.protocol.v1.ConfirmationMethod;
import org.tbx.protocol.v1.Evidence;
import org.tbx.protocol.v1.ServiceRecorded;

/** The worked leaf of PROTOCOL.md section 12, byte for byte: the document and the hub agree. */
class LeafDataTest {

  @Test
  void theWorkedExampleOfTheProtocolIsWhatTheHubDerives() {
    ServiceRecorded deposit =
        new ServiceRecorded(
            "v-example-1",
            "MEAL_ASSIST",
            "elder-7",
            Instant.parse("2026-11-28T09:00:00Z"),
            60,
            60,
            1,
            new Evidence(ConfirmationMethod.ORGANISER_RECORDED, "staff-3", List.of(), null, null));
    byte[] encoded = BatchCodec.encode(deposit);
    assertEquals(
        "c30110b4b4613d9e282f16762d6578616d706c652d31164d45414c5f4153534953540e656c6465722d37"
            + "80fa8f96c468787802040e73746166662d33000000",
        HexFormat.of().formatHex(encoded));
    UUID event = UUID.fromString("0b7e0a52-2f1c-4d2e-9a4e-1c7c5a0e8f11");
    LeafData leaf =
        new LeafData(
            event,
            "guilin",
            1,
            "ServiceRecorded",
            Ed25519Keys.sha256(encoded),
            List.of(
                Transfer.of(
                    event,
                    Account.bankIssued("guilin"),
                    Account.volunteer("v-example-1"),
                    60,
                    TransferCode.SERVICE_RECORDED,
                    "guilin")));
    assertEquals(
        "tbx/v1/log-leaf\n"
            + "event 0b7e0a52-2f1c-4d2e-9a4e-1c7c5a0e8f11\n"
            + "node guilin\n"
            + "sequence 1\n"
            + "type ServiceRecorded\n"
            + "payload bd39d4e8b616e33ba744b5193163d8785b06b6c48744f32e3ac951f8e0d7c00b\n"
            + "transfer bank:guilin:issued volunteer:v-example-1 60 SERVICE_RECORDED\n",
        new String(leaf.bytes(), StandardCharsets.UTF_8));
    assertEquals(
        "5d8504963d91c2130bf9603166f7b38f3d7c17664823a998ad4b483ff7fe33a0",
        HexFormat.of().formatHex(MerkleTree.leafHash(leaf.bytes())));
  }
}
