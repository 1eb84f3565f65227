// The read-model schema as TypeORM sees it: entities and the migrations that create them.
import { DailySignalCountEntity } from './entities/daily-signal-count.entity';
import { EscalationViewEntity } from './entities/escalation-view.entity';
import { MunicipalityRiskHeadEntity } from './entities/municipality-risk-head.entity';
import { RiskLedgerEntity } from './entities/risk-ledger.entity';
import { RiskLedgerSettingsEntity } from './entities/risk-ledger-settings.entity';
import { SignalSubjectEntity } from './entities/signal-subject.entity';
import { SignalVersionEntity } from './entities/signal-version.entity';
import { InitialReadModels1764000000000 } from './migrations/1764000000000-initial-read-models';
import { EscalationCases1764100000000 } from './migrations/1764100000000-escalation-cases';
import { RiskLedger1764200000000 } from './migrations/1764200000000-risk-ledger';

export const READ_MODEL_ENTITIES = [
  SignalVersionEntity,
  SignalSubjectEntity,
  DailySignalCountEntity,
  EscalationViewEntity,
  RiskLedgerEntity,
  MunicipalityRiskHeadEntity,
  RiskLedgerSettingsEntity,
];

export const READ_MODEL_MIGRATIONS = [
  InitialReadModels1764000000000,
  EscalationCases1764100000000,
  RiskLedger1764200000000,
];

/** Tables a rebuild empties and refills, in a stable order (used for rebuild checksums). */
export const READ_MODEL_TABLES = [
  'signal_versions',
  'signal_subjects',
  'daily_signal_counts',
  'escalations',
  'risk_ledger',
  'municipality_risk_heads',
] as const;
