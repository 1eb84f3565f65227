// Live signals per municipality, category and day of occurrence (Europe/Amsterdam), for charts.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'daily_signal_counts' })
export class DailySignalCountEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  municipality!: string;

  /** Calendar day of `occurredAt` in Europe/Amsterdam, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  category!: string;

  @Column({ type: 'integer' })
  count!: number;
}
