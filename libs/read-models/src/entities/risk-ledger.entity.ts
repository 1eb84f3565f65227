// The risk sums of a municipality as known at each moment something changed (ADR 0006): one row
// per moment a signal version started or stopped counting, holding the running totals of every
// change up to and including it. The picture as known at any moment is one indexed lookup of the
// last row at or before it.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'risk_ledger' })
export class RiskLedgerEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  municipality!: string;

  /** Totals of the signals withheld from the burgemeester (true) or not (false). */
  @PrimaryColumn({ type: 'boolean' })
  withheld!: boolean;

  /** When the change took effect: a version counts from max(recorded, occurred). */
  @PrimaryColumn({ type: 'timestamptz' })
  at!: Date;

  /** Σ weight × severity × 2^((occurredAt − 2000-01-01)/half-life) in units of 2^−52, exact. */
  @Column({ name: 'score_sum', type: 'numeric' })
  scoreSum!: string;

  /** Live signals counting. */
  @Column({ type: 'integer' })
  live!: number;

  /** Of those, THREAT and BRIBERY signals (the aangifte rate's denominator)… */
  @Column({ type: 'integer' })
  eligible!: number;

  /** …and the ones among them with a police report filed. */
  @Column({ type: 'integer' })
  filed!: number;
}
