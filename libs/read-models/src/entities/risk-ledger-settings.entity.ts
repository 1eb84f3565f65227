// The settings the risk ledger's sums were made with (ADR 0006): the projector compares them with
// its configuration on start and rebuilds the read models when they differ.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'risk_ledger_settings' })
export class RiskLedgerSettingsEntity {
  /** Always 1: there is one set of settings. */
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** The category weights and the half-life, as JSON. */
  @Column({ type: 'jsonb' })
  settings!: unknown;
}
