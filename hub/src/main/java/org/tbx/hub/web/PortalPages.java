package org.tbx.hub.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.tbx.hub.ledger.Account;
import org.tbx.hub.ledger.Balance;
import org.tbx.hub.ledger.LedgerRepository;
import org.tbx.hub.ledger.Transfer;
import org.tbx.hub.log.Receipts;
import org.tbx.hub.redemption.RedemptionRepository;
import org.tbx.hub.registry.BankDirectory;
import org.tbx.hub.security.PageSessions;
import org.tbx.hub.standing.Standings;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.auth.Roles;

/**
 * The volunteer's portal ({@code /me}, role volunteer, phone first): balance in total and per bank,
 * history with receipts, open holds, certifications and insurance, and where to redeem.
 */
@Path("/me")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

  /** A bank's share of the volunteer's minutes. */
  @TemplateData
  public record BankBalance(String nodeId, String name, String earned, String spent, String net) {}

  /** One history entry as the portal shows it. */
  @TemplateData
  public record Entry(
      String when,
      String what,
      String bank,
      String direction,
      String hours,
      String receipt,
      String receiptState) {}

  /** One open hold. */
  @TemplateData
  public record HoldLine(String redemptionId, String bank, String hours, String lapses) {}

  /** One bank of the directory. */
  @TemplateData
  public record Place(
      String name, String region, String address, String phone, String hours, String categories) {}

  /** One factor of the volunteer's standing, named in the page's language. */
  @TemplateData
  public record StandingLine(String factor, String name, long points, String input) {}

  /** An honour the volunteer holds, named in the page's language, with when it was reached. */
  @TemplateData
  public record HonourLine(String name, String reached) {}

  /** How many entries of the history the page shows. */
  static final int HISTORY = 50;

  @Location("me.html")
  Template page;

  @Location("link.html")
  Template link;

  private final WebContext web;
  private final LedgerRepository ledger;
  private final RedemptionRepository redemptions;
  private final VolunteerRepository volunteers;
  private final BankDirectory directory;
  private final Receipts receipts;
  private final PageSessions sessions;
  private final Standings standings;
  private final Qualifications qualifications;

  PortalPages(
      WebContext web,
      LedgerRepository ledger,
      RedemptionRepository redemptions,
      VolunteerRepository volunteers,
      BankDirectory directory,
      Receipts receipts,
      PageSessions sessions,
      Standings standings,
      Qualifications qualifications) {
    this.qualifications = qualifications;
    this.sessions = sessions;
    this.standings = standings;
    this.web = web;
    this.ledger = ledger;
    this.redemptions = redemptions;
    this.volunteers = volunteers;
    this.directory = directory;
    this.receipts = receipts;
  }

  @GET
  @Operation(
      hidden = true,
      summary =
          "The volunteer's own hours across the federation (HTML, signed in by a bank's link)")
  public TemplateInstance me() {
    PageSessions.Session who = web.require(Roles.VOLUNTEER);
    String volunteerId = who.subject();
    Words w = web.words();
    Account account = Account.volunteer(volunteerId);
    Optional<Balance> balance = ledger.balance(account);
    List<BankDirectory.Profile> profiles = directory.all();
    List<BankBalance> perBank = new ArrayList<>();
    for (LedgerRepository.BankShare s : ledger.byBank(account)) {
      perBank.add(
          new BankBalance(
              s.nodeId(),
              name(profiles, s.nodeId(), w),
              w.hours(s.credited()),
              w.hours(s.debited()),
              w.hours(s.credited() - s.debited())));
    }
    List<Transfer> history = ledger.history(account, 0, HISTORY).items();
    List<Receipts.Receipt> proofs = receipts.of(history.stream().map(Transfer::eventId).toList());
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      Transfer t = history.get(i);
      boolean credit = t.credit().equals(account);
      Receipts.Receipt r = proofs.get(i);
      entries.add(
          new Entry(
              w.time(t.postedAt()),
              w.get("code_" + t.code()),
              name(profiles, t.nodeId(), w),
              w.get(credit ? "dir_CREDIT" : "dir_DEBIT"),
              (credit ? "+" : "−") + w.hours(t.amountMinutes()),
              switch (r.state()) {
                case VERIFIED ->
                    w.get("receipt_verified", w.num(r.leafIndex()), w.num(r.treeSize()));
                case FAILED -> w.get("receipt_failed");
                default -> w.get("receipt_pending");
              },
              r.state().name()));
    }
    List<HoldLine> holds =
        redemptions.held(volunteerId).stream()
            .map(
                h ->
                    new HoldLine(
                        h.redemptionId(),
                        name(profiles, h.nodeId(), w),
                        w.hours(h.requestedMinutes()),
                        w.time(h.hold().map(RedemptionRepository.Hold::expiresAt).orElse(null))))
            .toList();
    String home = volunteers.homeOf(volunteerId).orElse("");
    String homeRegion =
        profiles.stream()
            .filter(p -> p.nodeId().equals(home))
            .map(BankDirectory.Profile::regionCode)
            .findFirst()
            .orElse("");
    List<Place> places =
        profiles.stream()
            .sorted(
                Comparator.comparingInt(
                        (BankDirectory.Profile p) -> -sharedPrefix(p.regionCode(), homeRegion))
                    .thenComparing(BankDirectory.Profile::regionCode))
            .map(
                p ->
                    new Place(
                        w.chinese() ? p.nameZh() : p.nameEn(),
                        p.regionCode(),
                        p.address(),
                        p.phone(),
                        p.hours(),
                        String.join(", ", p.categories())))
            .toList();
    Standings.Scored standing = standings.of(volunteerId);
    List<StandingLine> standingLines =
        standing.standing().factors().stream()
            .map(
                f ->
                    new StandingLine(
                        f.factor().name(),
                        w.get("factor_" + f.factor().name()),
                        f.points(),
                        f.input()))
            .toList();
    return web.page(page.instance(), w.get("me_title"))
        .data(
            "standingScore",
            w.get(
                "standing_score",
                standing.standing().score(),
                standing.rules().max(),
                standing.rulebookVersion(),
                standing.asOf().toString()))
        .data("standingFactors", standingLines)
        .data(
            "honours",
            standing.honours().stream()
                .map(
                    h ->
                        new HonourLine(
                            w.chinese() ? h.honour().nameZh() : h.honour().nameEn(),
                            w.time(h.reachedAt())))
                .toList())
        .data("volunteerId", volunteerId)
        .data("total", balance.map(b -> w.hours(b.posted())).orElse(w.hours(0)))
        .data("available", balance.map(b -> w.hours(b.available())).orElse(w.hours(0)))
        .data("held", balance.map(b -> w.hours(b.debitsPending())).orElse(w.hours(0)))
        .data("perBank", perBank)
        .data("entries", entries)
        .data("holds", holds)
        .data("certifications", qualifications.certifications(volunteerId, w))
        .data("trainings", qualifications.trainings(volunteerId, w))
        .data("insurance", volunteers.insurance(volunteerId))
        .data("places", places);
  }

  @GET
  @Path("sign-in/{code}")
  @Operation(
      hidden = true,
      summary =
          "A volunteer's one-time sign-in link: asks to continue (link checkers do not use it up)")
  public TemplateInstance confirmLink(@PathParam("code") String code) {
    return web.page(link.instance(), web.words().get("signin_link_title")).data("code", code);
  }

  @POST
  @Path("sign-in/{code}")
  @Operation(
      hidden = true,
      summary = "Use a volunteer's one-time sign-in link: starts their session")
  public Response useLink(@PathParam("code") String code) {
    PageSessions.Result used = sessions.useLink(code);
    if (used.refusal() != null) {
      switch (used.refusal()) {
        case EXPIRED -> throw new PageException(401, "err_link_expired");
        case USED -> throw new PageException(401, "err_link_used");
        default -> throw new PageException(404, "err_link_unknown");
      }
    }
    return Response.seeOther(URI.create("/me"))
        .cookie(web.cookie(WebContext.SESSION_COOKIE, used.cookie(), -1))
        .build();
  }

  private static String name(List<BankDirectory.Profile> profiles, String nodeId, Words w) {
    return profiles.stream()
        .filter(p -> p.nodeId().equals(nodeId))
        .map(p -> (w.chinese() ? p.nameZh() : p.nameEn()) + " (" + nodeId + ")")
        .findFirst()
        .orElse(nodeId);
  }

  /**
   * How many leading digits two region codes share: 6 same county, 4 same city, 2 same province.
   */
  static int sharedPrefix(String a, String b) {
    int n = 0;
    while (n < Math.min(a.length(), b.length()) && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }
}
