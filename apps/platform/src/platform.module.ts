// The embedded all-in-one platform: every feature of Weerbaar in one service, on the adapters
// that `openInfrastructure` chose (PGlite or a PostgreSQL server, the in-process bus).
import type { Type } from '@nestjs/common';
import { EscalationModule } from '../../escalation/src/escalation.module';
import { NotifierModule } from '../../notifier/src/notifier.module';
import { RiskProjectorModule } from '../../risk-projector/src/risk-projector.module';
import { RiskQueryModule } from '../../risk-query/src/risk-query.module';
import { SignalIntakeModule } from '../../signal-intake/src/signal-intake.module';

export const PLATFORM_FEATURES: Type[] = [
  SignalIntakeModule,
  RiskProjectorModule,
  RiskQueryModule,
  EscalationModule,
  NotifierModule,
];
