// Lists the current versions of signals within a set of municipalities, newest occurrence
// first, with keyset pagination on (occurredAt, signalId).
import type { DataSource } from 'typeorm';
import { SignalVersionEntity } from '../entities/signal-version.entity';

export interface SignalListFilter {
  municipalities: readonly string[];
  category?: string;
  status?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** The (occurredAt ISO, signalId) of the last item of the previous page. */
  after?: { occurredAt: string; signalId: string };
}

export interface SignalListPage {
  items: SignalVersionEntity[];
  hasMore: boolean;
}

export async function listSignals(
  dataSource: DataSource,
  filter: SignalListFilter,
): Promise<SignalListPage> {
  if (filter.municipalities.length === 0) return { items: [], hasMore: false };
  const query = dataSource
    .getRepository(SignalVersionEntity)
    .createQueryBuilder('s')
    .where('s.superseded_at IS NULL')
    .andWhere('s.municipality IN (:...municipalities)', { municipalities: filter.municipalities });
  if (filter.category) query.andWhere('s.category = :category', { category: filter.category });
  if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
  if (filter.from) query.andWhere('s.occurred_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('s.occurred_at < :to', { to: filter.to });
  if (filter.after) {
    query.andWhere('(s.occurred_at, s.signal_id) < (:afterAt, :afterId)', {
      afterAt: new Date(filter.after.occurredAt),
      afterId: filter.after.signalId,
    });
  }
  const rows = await query
    .orderBy('s.occurred_at', 'DESC')
    .addOrderBy('s.signal_id', 'DESC')
    .limit(filter.limit + 1)
    .getMany();
  return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}
