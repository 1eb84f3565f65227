// Escalation: the rule engine over the global log, and the escalation endpoints.
import { Module } from '@nestjs/common';
import { EscalationsHttpController } from './escalations/escalations.http.controller';
import { EscalationRulesService } from './rules/escalation-rules.service';

@Module({
  controllers: [EscalationsHttpController],
  providers: [EscalationRulesService],
  exports: [EscalationRulesService],
})
export class EscalationModule {}
