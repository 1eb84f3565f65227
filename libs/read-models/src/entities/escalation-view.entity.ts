// The current state of each escalation, for the escalation list and detail endpoints.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'escalations' })
@Index('ix_escalations_region_raised', ['riecRegion', 'raisedAt'])
@Index('ix_escalations_municipality_raised', ['municipality', 'raisedAt'])
// A picture counts the escalations open at its moment from this index alone.
@Index('ix_escalations_municipality_open', ['municipality', 'recordedAt', 'closedAt'])
export class EscalationViewEntity {
  @PrimaryColumn({ name: 'escalation_id', type: 'uuid' })
  escalationId!: string;

  @Column({ name: 'rule_id', type: 'varchar', length: 64 })
  ruleId!: string;

  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion!: number;

  @Column({ type: 'varchar', length: 6 })
  municipality!: string;

  @Column({ name: 'riec_region', type: 'varchar', length: 40 })
  riecRegion!: string;

  @Column({ type: 'varchar', length: 10 })
  severity!: string;

  /** OPEN, ACKNOWLEDGED or CLOSED. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ name: 'contributing_signal_ids', type: 'jsonb' })
  contributingSignalIds!: string[];

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 200, nullable: true })
  acknowledgedBy!: string | null;

  /** The analyst the case is assigned to (their user id). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  assignee!: string | null;

  /** When the closing was recorded (knowledge time, for asOf). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 200, nullable: true })
  closedBy!: string | null;

  /** The disposition of a closed case: RISK_CONFIRMED, VALUABLE, FALSE_POSITIVE or MERGED. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome!: string | null;

  /** The subject a cross-municipality-subject escalation is about (a fingerprint, no identity). */
  @Column({ name: 'subject_fingerprint', type: 'char', length: 64, nullable: true })
  subjectFingerprint!: string | null;

  /** Stream revision of the escalation's last event (the ETag). */
  @Column({ type: 'integer' })
  revision!: number;

  /** When the escalation was recorded in the log (knowledge time, for asOf). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
