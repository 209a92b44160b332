package org.tbx.hub.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Read model of an account row; only {@link LedgerService} writes accounts. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

  @Id public String id;

  @Enumerated(EnumType.STRING)
  public AccountKind kind;

  @Column(name = "debits_posted")
  public long debitsPosted;

  @Column(name = "credits_posted")
  public long creditsPosted;

  @Column(name = "debits_pending")
  public long debitsPending;

  @Column(name = "credits_pending")
  public long creditsPending;

  @Column(name = "updated_at")
  public OffsetDateTime updatedAt;

  /** @return the account of a volunteer, if they have ever been credited */
  public static Optional<AccountEntity> ofVolunteer(String volunteerId) {
    return findByIdOptional(Transfer.Account.volunteer(volunteerId).id());
  }

  /** @return credits minus debits, posted */
  public long balance() {
    return creditsPosted - debitsPosted;
  }

  /** @return the posted balance less minutes held for pending redemptions */
  public long available() {
    return balance() - debitsPending;
  }
}
