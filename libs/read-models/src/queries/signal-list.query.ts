// Lists the current versions of signals within a set of municipalities, newest occurrence
// first, with keyset pagination on (occurredAt, signalId).
import type { DataSource } from 'typeorm';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { keysetPage, type Page, type PageKey } from './cursor';

export interface SignalListFilter {
  municipalities: readonly string[];
  category?: string;
  status?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** The (occurredAt, signalId) of the last item of the previous page. */
  after?: PageKey;
}

export async function listSignals(
  dataSource: DataSource,
  filter: SignalListFilter,
): Promise<Page<SignalVersionEntity>> {
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
  return keysetPage(
    query,
    { moment: 's.occurred_at', id: 's.signal_id' },
    filter.after,
    filter.limit,
  );
}
