// Escalation: the rule engine over the global log, the escalation endpoints (the analyst's case,
// snoozes) and the rule sets (drafts, publishing, statistics, back-tests).
import { Module } from '@nestjs/common';
import { EscalationCaseService } from './escalations/escalation-case.service';
import { EscalationsHttpController } from './escalations/escalations.http.controller';
import { SnoozesHttpController } from './escalations/snoozes.http.controller';
import { BacktestService } from './rules/backtest.service';
import { EscalationRulesService } from './rules/escalation-rules.service';
import { RuleCatalogueService } from './rules/rule-catalogue.service';
import { RulesHttpController } from './rules/rules.http.controller';

@Module({
  // Snoozes first: GET /escalations/snoozes must not be taken for an escalation id.
  controllers: [SnoozesHttpController, EscalationsHttpController, RulesHttpController],
  providers: [EscalationRulesService, EscalationCaseService, RuleCatalogueService, BacktestService],
  exports: [EscalationRulesService, RuleCatalogueService, BacktestService],
})
export class EscalationModule {}
