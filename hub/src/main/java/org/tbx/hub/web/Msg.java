package org.tbx.hub.web;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every word of the pages, in English; the Chinese is in {@code messages/msg_zh.properties}. */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

  @Message("Time Bank Exchange")
  String app_name();

  @Message("Skip to the content")
  String skip();

  @Message("The federation in numbers")
  String nav_public();

  @Message("Regulator console")
  String nav_console();

  @Message("My hours")
  String nav_me();

  @Message("Flows between banks")
  String nav_flows();

  @Message("Where to redeem")
  String nav_directory();

  @Message("Sign in")
  String sign_in();

  @Message("Sign out")
  String sign_out();

  @Message("Signed in as {who} ({role})")
  String signed_in_as(String who, String role);

  @Message("中文")
  String other_language();

  @Message("zh-CN")
  String other_language_tag();

  @Message("Larger text")
  String text_larger();

  @Message("Normal text")
  String text_normal();

  @Message("Figures read at {time}.")
  String generated_at(String time);

  @Message("Settlement figures (outstanding, coverage, flows) computed at {time}.")
  String settlement_at(String time);

  @Message("Period")
  String period();

  @Message("last {days} days")
  String period_days(int days);

  @Message("Show")
  String period_apply();

  @Message("Download this table as CSV")
  String csv();

  @Message("Definition")
  String definition();

  @Message("vs previous period: {change}")
  String vs_previous(String change);

  @Message("year on year: {change}")
  String vs_year(String change);

  @Message("not comparable")
  String not_comparable();

  @Message("none")
  String none();

  @Message("<10")
  String hidden();

  @Message(
      "“<10”: a row or cell that describes fewer than 10 people is hidden, and so is the next smallest row when only one would be, so no hidden number can be worked out from the totals.")
  String hidden_note();

  @Message("{n} people")
  String unit_people(String n);

  @Message("{n} h")
  String unit_hours(String n);

  @Message("{n} banks")
  String unit_banks(String n);

  @Message("{n} records")
  String unit_records(String n);

  @Message("{n} s ago")
  String unit_seconds(String n);

  @Message("Registered volunteers")
  String ind_volunteers_registered();

  @Message(
      "Volunteers enrolled at a home bank of the federation (each person once, by federation id).")
  String def_volunteers_registered();

  @Message("Active volunteers (90 days)")
  String ind_volunteers_active();

  @Message("Volunteers whose account had a posting or a hold in the last 90 days.")
  String def_volunteers_active();

  @Message("Hours deposited")
  String ind_minutes_deposited();

  @Message(
      "Service time credited to volunteers for care they gave (SERVICE_RECORDED transfers) in the period, before later corrections.")
  String def_minutes_deposited();

  @Message("Hours redeemed")
  String ind_minutes_redeemed();

  @Message(
      "Time spent in the period on care received, settled by the honouring bank (REDEMPTION_SETTLED transfers), and on benefits (BENEFIT_REDEEMED).")
  String def_minutes_redeemed();

  @Message("Elders served")
  String ind_elders_served();

  @Message(
      "People who received care paid with hours in the period: distinct beneficiaries (each bank's reference) of redemptions settled for some minutes.")
  String def_elders_served();

  @Message("Hours outstanding")
  String ind_minutes_outstanding();

  @Message(
      "Minutes issued by the banks that volunteers still hold: what the federation owes in care.")
  String def_minutes_outstanding();

  @Message("Guarantee coverage")
  String ind_guarantee_coverage();

  @Message(
      "The banks' declared guarantee funds divided by the hours outstanding; below the rulebook's minimum a bank is flagged.")
  String def_guarantee_coverage();

  @Message("Cross-bank share of redemptions")
  String ind_cross_region_share();

  @Message(
      "Of all minutes spent at a bank (redemptions and benefits), the share earned at another bank than the one that honoured them (first in, first out).")
  String def_cross_region_share();

  @Message("Banks in the federation")
  String ind_banks_registered();

  @Message("Banks registered at the hub with a signing key.")
  String def_banks_registered();

  @Message("Banks live (24 hours)")
  String ind_banks_live();

  @Message("Banks whose stream had a batch accepted in the last 24 hours.")
  String def_banks_live();

  @Message("Records in quarantine")
  String ind_quarantined_open();

  @Message("Records the hub could not apply and has not released, whatever the reason.")
  String def_quarantined_open();

  @Message("Reconciliation differences")
  String ind_reconciliation_differences();

  @Message("Differences found in each bank's latest reconciliation of its books against the hub's.")
  String def_reconciliation_differences();

  @Message("Newest log checkpoint")
  String ind_checkpoint_age();

  @Message("How long ago the hub signed its newest transparency-log checkpoint.")
  String def_checkpoint_age();

  @Message("Bank")
  String col_bank();

  @Message("Region code")
  String col_region();

  @Message("Province")
  String col_province();

  @Message("Banks")
  String col_banks();

  @Message("Registered")
  String col_registered();

  @Message("Active")
  String col_active();

  @Message("Deposited (h)")
  String col_deposited();

  @Message("Redeemed (h)")
  String col_redeemed();

  @Message("Outstanding (h)")
  String col_outstanding();

  @Message("Guarantee fund (h)")
  String col_fund();

  @Message("Coverage")
  String col_coverage();

  @Message("Net position (h)")
  String col_net();

  @Message("Alerts")
  String col_alerts();

  @Message("Last batch")
  String col_last_batch();

  @Message("Earned at")
  String col_earned();

  @Message("Spent at")
  String col_spent();

  @Message("Hours")
  String col_minutes();

  @Message("Redemptions")
  String col_redemptions();

  @Message("Reason")
  String col_reason();

  @Message("Records")
  String col_records();

  @Message("Oldest")
  String col_oldest();

  @Message("Kind")
  String col_kind();

  @Message("Differences")
  String col_differences();

  @Message("When")
  String col_when();

  @Message("What")
  String col_what();

  @Message("In or out")
  String col_direction();

  @Message("State")
  String col_state();

  @Message("Key")
  String col_key();

  @Message("Sequence")
  String col_sequence();

  @Message("Statement")
  String col_statement();

  @Message("Matched")
  String col_matched();

  @Message("Detail")
  String col_detail();

  @Message("Receipt")
  String col_receipt();

  @Message("Certification")
  String col_certification();

  @Message("Valid until")
  String col_valid_until();

  @Message("Address")
  String col_address();

  @Message("Phone")
  String col_phone();

  @Message("Opening hours")
  String col_hours_open();

  @Message("Services")
  String col_categories();

  @Message("Available (h)")
  String col_available();

  @Message("Held (h)")
  String col_held();

  @Message("Lapses")
  String col_expires();

  @Message("yes")
  String yes();

  @Message("no")
  String no();

  @Message("No data for this period yet.")
  String no_data();

  @Message("no public profile yet")
  String no_profile();

  @Message("The federation in numbers")
  String public_title();

  @Message(
      "How much care time the federation's banks record and exchange. Aggregates only: nobody can be identified here.")
  String public_intro();

  @Message("By province")
  String by_province();

  @Message("By service category")
  String by_category();

  @Message(
      "Hours deposited by category count from the hub's version 13 on (earlier deposits were not kept by category); a row made of fewer than 10 records shows as <10.")
  String category_note();

  @Message("Service category")
  String col_category();

  @Message("Services recorded")
  String col_services();

  @Message("Elders served by age")
  String elders_by_age();

  @Message(
      "Age in whole years when their latest redemption settled in the period was requested; known for redemptions since the hub's version 13.")
  String elders_by_age_note();

  @Message("People")
  String col_people();

  @Message("Age")
  String col_age_years();

  @Message("Under 60")
  String age_band_UNDER_60();

  @Message("60 to 69")
  String age_band_60_69();

  @Message("70 to 79")
  String age_band_70_79();

  @Message("80 to 89")
  String age_band_80_89();

  @Message("90 and over")
  String age_band_90_PLUS();

  @Message("Not known")
  String age_band_UNKNOWN();

  @Message("Hours earned in one province and spent in another")
  String flows_between_provinces();

  @Message("Regulator console")
  String console_title();

  @Message("Banks")
  String banks();

  @Message("Quarantine")
  String quarantine();

  @Message("Reconciliation")
  String reconciliation();

  @Message("Transparency log")
  String transparency_log();

  @Message("{size} entries; newest checkpoint covers {covered}, signed {time}.")
  String log_size(String size, String covered, String time);

  @Message("No checkpoint signed yet.")
  String log_none();

  @Message("Bank {bank}")
  String bank_title(String bank);

  @Message("Stream")
  String stream();

  @Message("State: {state}. Last sequence {sequence}. Lag: {lag} records.")
  String stream_state(String state, String sequence, String lag);

  @Message("Signing keys")
  String keys();

  @Message("Settlement")
  String settlement();

  @Message("Flows between banks")
  String flows_title();

  @Message(
      "Chart: hours earned at one bank (rows) and spent at another (columns). The same figures are in the table below.")
  String flows_chart();

  @Message("My hours")
  String me_title();

  @Message("Balance")
  String balance_total();

  @Message("{available} h available, {held} h held for redemptions not yet settled.")
  String balance_line(String available, String held);

  @Message("By bank")
  String per_bank();

  @Message(
      "Where your minutes were earned and spent, bank by bank. Hours earned in your old city stay yours after you move: they are listed here and can be redeemed at any bank of the federation.")
  String per_bank_note();

  @Message("History")
  String history();

  @Message("Open holds")
  String holds();

  @Message("in the log at entry {index}, checkpoint of {size} entries, verified")
  String receipt_verified(String index, String size);

  @Message("waiting for the next checkpoint")
  String receipt_pending();

  @Message("NOT verified: report this to your bank")
  String receipt_failed();

  @Message("Certifications and insurance")
  String certifications();

  @Message("My standing")
  String standing();

  @Message("{score} of {max} points, as rulebook {version} scores it on {day}")
  String standing_score(long score, int max, int version, String day);

  @Message(
      "The federation computes it from what every bank reported: each line is one factor, its"
          + " points and what it was computed from.")
  String standing_note();

  @Message("{name}, since {reached}")
  String honour(String name, String reached);

  @Message("No honour yet.")
  String no_honours();

  @Message("Factor")
  String col_factor();

  @Message("Points")
  String col_points();

  @Message("Computed from")
  String col_input();

  @Message("Starting score")
  String factor_BASE();

  @Message("Hours served")
  String factor_HOURS_SERVED();

  @Message("Regularity")
  String factor_REGULARITY();

  @Message("Years with the federation")
  String factor_TENURE();

  @Message("Ratings")
  String factor_RATINGS();

  @Message("Corrected records")
  String factor_REVERSALS();

  @Message("No-shows and late cancellations")
  String factor_ABSENCES();

  @Message("Service records found wrong")
  String factor_SERVICE_DISPUTES();

  @Message("Insurance {policy} by {insurer}")
  String insurance(String policy, String insurer);

  @Message("Training and assessments")
  String trainings_title();

  @Message("No training recorded yet.")
  String no_trainings();

  @Message("Course")
  String col_course();

  @Message("Completed")
  String col_completed();

  @Message("Result")
  String col_result();

  @Message("Certification granted")
  String col_granted();

  @Message("Passed")
  String training_passed();

  @Message("Not passed")
  String training_failed();

  @Message("expires soon: a passed assessment renews it")
  String cert_expiring();

  @Message("expired: services that need it cannot be recorded until it is renewed")
  String cert_expired();

  @Message("Where to redeem")
  String directory_title();

  @Message("Banks nearest your home bank's region first.")
  String directory_note();

  @Message("in")
  String dir_CREDIT();

  @Message("out")
  String dir_DEBIT();

  @Message("Service deposited")
  String code_SERVICE_RECORDED();

  @Message("Above the lifetime cap")
  String code_CAP_OVERFLOW();

  @Message("Redemption")
  String code_REDEMPTION_SETTLED();

  @Message("Gift")
  String code_HOURS_GIFTED();

  @Message("Donation")
  String code_HOURS_DONATED();

  @Message("Grant")
  String code_GRANT_ISSUED();

  @Message("Allocation from a pool")
  String code_POOL_ALLOCATED();

  @Message("Correction")
  String code_REVERSAL();

  @Message("Dispute upheld")
  String code_DISPUTE_UPHELD();

  @Message("Service record found wrong")
  String code_SERVICE_DISPUTE_UPHELD();

  @Message("Benefit redeemed")
  String code_BENEFIT_REDEEMED();

  @Message("Sign in")
  String signin_title();

  @Message(
      "Operators and the regulator sign in with their API token. Volunteers use the link their bank gives them.")
  String signin_intro();

  @Message("API token")
  String signin_token();

  @Message("Sign in to your hours")
  String signin_link_title();

  @Message("Your bank sent you this link. It works once, for ten minutes.")
  String signin_link_intro();

  @Message("Continue")
  String signin_continue();

  @Message("Sign in with the regulator's identity provider")
  String oidc_sign_in();

  @Message("Signed in at the identity provider")
  String oidc_title();

  @Message(
      "This hub does not offer sign-in at an identity provider: sign in with a token on the sign-in page.")
  String err_oidc_off();

  @Message("{person} signed in at the regulator's identity provider, as {role}.")
  String oidc_intro(String person, String role);

  @Message(
      "{who} signed in at the identity provider, but its claim {claim} names neither the group {group} nor the operators' group: ask the provider's administrator.")
  String err_oidc_role(String who, String claim, String group);

  @Message("Something is not right")
  String error_title();

  @Message("Back to the start page")
  String error_back();

  @Message("Please sign in to see this page.")
  String err_not_signed_in();

  @Message("Your session has ended. Please sign in again.")
  String err_session_ended();

  @Message("This page is not yours to see.")
  String err_forbidden();

  @Message("There is no bank {bank} in the federation.")
  String err_bank_unknown(String bank);

  @Message("No bank has credited this volunteer yet.")
  String err_volunteer_unknown();

  @Message("The period “{value}” is not one of 7d, 30d, 90d, 365d.")
  String err_period(String value);

  @Message("This sign-in link is not valid. Ask your bank for a new one.")
  String err_link_unknown();

  @Message("This sign-in link has expired. Ask your bank for a new one.")
  String err_link_expired();

  @Message("This sign-in link was already used. Ask your bank for a new one.")
  String err_link_used();

  @Message("The token was not accepted: {why}")
  String err_token(String why);

  @Message("Paste a token into the field.")
  String err_token_empty();

  @Message("The form had expired. Please try again.")
  String err_csrf();

  @Message("There is no such page.")
  String err_not_found();

  @Message("The hub could not answer this time. Please try again in a minute.")
  String err_internal();

  @Message("Run the log audit now")
  String audit_run();

  @Message("Last audit {time}: {leaves} entries derived again from the ledger; {outcome}.")
  String audit_result(String time, String leaves, String outcome);

  @Message("the log and the ledger agree")
  String audit_clean();

  @Message("MISMATCHES FOUND")
  String audit_dirty();

  @Message("in use")
  String key_active();

  @Message("retired")
  String key_retired();

  @Message("revoked {time}: {reason}")
  String key_revoked(String time, String reason);

  @Message("bank {bank} h, hub {hub} h")
  String difference(String bank, String hub);

  @Message("All provinces")
  String all_provinces();

  @Message("The province “{value}” is not a province code such as 450000.")
  String err_province(String value);

  @Message("Dormant accounts")
  String ind_dormant_accounts();

  @Message("Volunteers who hold hours and had no posting or hold for a year.")
  String def_dormant_accounts();

  @Message("Ageing of unredeemed hours")
  String ageing_title();

  @Message(
      "Hours volunteers still hold, by how long ago they were earned (first in, first out). From the settlement snapshot.")
  String ageing_note();

  @Message("less than 1 year")
  String ageing_band_0();

  @Message("1 to 3 years")
  String ageing_band_1();

  @Message("3 to 5 years")
  String ageing_band_2();

  @Message("5 years or more")
  String ageing_band_3();

  @Message("Earned")
  String col_age();
}
