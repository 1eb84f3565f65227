// Which subject fingerprints the current version of each signal names (no identities).
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'signal_subjects' })
@Index('ix_signal_subjects_fingerprint', ['fingerprint'])
export class SignalSubjectEntity {
  @PrimaryColumn({ name: 'signal_id', type: 'uuid' })
  signalId!: string;

  /** Position of the subject in the signal's list. */
  @PrimaryColumn({ type: 'smallint' })
  position!: number;

  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  @Column({ type: 'varchar', length: 6 })
  municipality!: string;
}
