package org.tbx.hub.web;

import io.quarkus.qute.TemplateData;
import org.tbx.hub.ledger.DailyTotals;
import org.tbx.hub.log.LogAudit;
import org.tbx.hub.monitor.StreamStatus;
import org.tbx.hub.quarantine.Quarantine;
import org.tbx.hub.reconciliation.ReconciliationRepository;
import org.tbx.hub.registry.BankDirectory;
import org.tbx.hub.registry.NodeRegistry;
import org.tbx.hub.security.PageSessions;
import org.tbx.hub.settlement.SettlementService;
import org.tbx.hub.statistics.Statistics;
import org.tbx.hub.volunteer.VolunteerRepository;
import org.tbx.protocol.log.Checkpoint;

/** The hub's records the templates read, declared so Qute resolves them without reflection. */
@TemplateData(target = Statistics.Overview.class)
@TemplateData(target = Statistics.BankRow.class)
@TemplateData(target = Statistics.ProvinceRow.class)
@TemplateData(target = Statistics.ProvinceFlow.class)
@TemplateData(target = BankDirectory.Profile.class)
@TemplateData(target = SettlementService.Flow.class)
@TemplateData(target = SettlementService.Position.class)
@TemplateData(target = Quarantine.ReasonCount.class)
@TemplateData(target = Quarantine.Item.class)
@TemplateData(target = ReconciliationRepository.KindCount.class)
@TemplateData(target = ReconciliationRepository.Result.class)
@TemplateData(target = ReconciliationRepository.Difference.class)
@TemplateData(target = StreamStatus.Status.class)
@TemplateData(target = NodeRegistry.KeyState.class)
@TemplateData(target = PageSessions.Session.class)
@TemplateData(target = DailyTotals.Total.class)
@TemplateData(target = Words.class)
@TemplateData(target = VolunteerRepository.Insurance.class)
@TemplateData(target = LogAudit.Run.class)
@TemplateData(target = LogAudit.Report.class)
@TemplateData(target = Checkpoint.class)
final class TemplateTypes {
  private TemplateTypes() {}
}
