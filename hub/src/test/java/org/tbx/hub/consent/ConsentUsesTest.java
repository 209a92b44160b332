package org.tbx.hub.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbx.infra.TbxTestResource;

/** A poll's consent uses, written together, against the real database. */
@QuarkusTest
@WithTestResource(TbxTestResource.class)
class ConsentUsesTest {

  @Inject ConsentUses uses;

  @Test
  void aPollWhoseConsentAnotherTransactionUsedFirstDoesNotCommitAnyOfItsUses() {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    QuarkusTransaction.requiringNew().run(() -> uses.useAll(List.of(use(first))));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                QuarkusTransaction.requiringNew()
                    .run(() -> uses.useAll(List.of(use(second), use(first)))));
    assertEquals(
        "1 of this poll's consents were used by another transaction meanwhile; the poll is applied"
            + " again",
        e.getMessage());
    assertEquals(
        Set.of(first),
        QuarkusTransaction.requiringNew().call(() -> uses.used(List.of(first, second))));
  }

  private static ConsentUses.Use use(String consentId) {
    return new ConsentUses.Use(consentId, "v-" + consentId, "guilin", UUID.randomUUID(), 30);
  }
}
