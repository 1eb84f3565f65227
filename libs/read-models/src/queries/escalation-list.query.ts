// Lists escalations within a set of municipalities, newest first, keyset-paginated on
// (raisedAt, escalationId); and reads one with its contributing signals' facts.
import { In, IsNull, type DataSource } from 'typeorm';
import { EscalationViewEntity } from '../entities/escalation-view.entity';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { keysetPage, type Page, type PageKey } from './cursor';

export interface EscalationListFilter {
  municipalities: readonly string[];
  status?: string;
  limit: number;
  /** The (raisedAt, escalationId) of the last item of the previous page. */
  after?: PageKey;
}

export async function listEscalations(
  dataSource: DataSource,
  filter: EscalationListFilter,
): Promise<Page<EscalationViewEntity>> {
  if (filter.municipalities.length === 0) return { items: [], hasMore: false };
  const query = dataSource
    .getRepository(EscalationViewEntity)
    .createQueryBuilder('e')
    .where('e.municipality IN (:...municipalities)', { municipalities: filter.municipalities });
  if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
  return keysetPage(
    query,
    { moment: 'e.raised_at', id: 'e.escalation_id' },
    filter.after,
    filter.limit,
  );
}

export async function findEscalation(
  dataSource: DataSource,
  escalationId: string,
): Promise<EscalationViewEntity | null> {
  return dataSource.getRepository(EscalationViewEntity).findOneBy({ escalationId });
}

/** The current facts of the given signals (no personal data). */
export async function currentSignalFacts(
  dataSource: DataSource,
  signalIds: readonly string[],
): Promise<SignalVersionEntity[]> {
  if (signalIds.length === 0) return [];
  return dataSource.getRepository(SignalVersionEntity).find({
    where: { signalId: In([...signalIds]), supersededAt: IsNull() },
    order: { occurredAt: 'ASC' },
  });
}
