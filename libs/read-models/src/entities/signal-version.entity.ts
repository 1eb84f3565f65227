// One version of a signal as it was known from `recordedAt` until `supersededAt`: the
// bitemporal record that lets every risk picture be asked "as of" a past moment.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'signal_versions' })
@Index('ix_signal_versions_municipality_recorded', ['municipality', 'recordedAt'])
@Index('ix_signal_versions_region_recorded', ['riecRegion', 'recordedAt'])
// The windows of a picture are counted from this index alone (every column they read is in it).
@Index('ix_signal_versions_municipality_occurred', [
  'municipality',
  'occurredAt',
  'recordedAt',
  'supersededAt',
  'status',
  'category',
  'subcategory',
  'withheldFromMayor',
])
export class SignalVersionEntity {
  @PrimaryColumn({ name: 'signal_id', type: 'uuid' })
  signalId!: string;

  /** The stream revision of the event that produced this version. */
  @PrimaryColumn({ type: 'integer' })
  revision!: number;

  @Column({ type: 'varchar', length: 6 })
  municipality!: string;

  @Column({ name: 'riec_region', type: 'varchar', length: 40 })
  riecRegion!: string;

  @Column({ type: 'varchar', length: 16 })
  category!: string;

  @Column({ type: 'varchar', length: 32 })
  subcategory!: string;

  @Column({ name: 'target_role', type: 'varchar', length: 16 })
  targetRole!: string;

  @Column({ type: 'smallint' })
  severity!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'police_report_filed', type: 'boolean' })
  policeReportFiled!: boolean;

  @Column({ type: 'varchar', length: 16 })
  source!: string;

  @Column({ type: 'varchar', length: 10 })
  classification!: string;

  @Column({ name: 'source_reliability', type: 'char', length: 1 })
  sourceReliability!: string;

  @Column({ name: 'information_credibility', type: 'char', length: 1 })
  informationCredibility!: string;

  @Column({ name: 'subject_count', type: 'smallint' })
  subjectCount!: number;

  /** Kept out of the burgemeester's view: counts only for the RIEC. */
  @Column({ name: 'withheld_from_mayor', type: 'boolean', default: false })
  withheldFromMayor!: boolean;

  /** LIVE or RETRACTED. */
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  /** When the event that produced this version was recorded (knowledge time). */
  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** When the next version was recorded; null for the current version. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  /** When the signal was first recorded (version 0's recordedAt). */
  @Column({ name: 'first_recorded_at', type: 'timestamptz' })
  firstRecordedAt!: Date;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}
