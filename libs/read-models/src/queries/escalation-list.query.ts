// Lists escalations within a set of municipalities, newest first, keyset-paginated on
// (raisedAt, escalationId); and reads one with its contributing signals' facts.
import { In, IsNull, type DataSource } from 'typeorm';
import { EscalationViewEntity } from '../entities/escalation-view.entity';
import { SignalVersionEntity } from '../entities/signal-version.entity';

export interface EscalationListFilter {
  municipalities: readonly string[];
  status?: string;
  limit: number;
  after?: { raisedAt: string; escalationId: string };
}

export async function listEscalations(
  dataSource: DataSource,
  filter: EscalationListFilter,
): Promise<{ items: EscalationViewEntity[]; hasMore: boolean }> {
  if (filter.municipalities.length === 0) return { items: [], hasMore: false };
  const query = dataSource
    .getRepository(EscalationViewEntity)
    .createQueryBuilder('e')
    .where('e.municipality IN (:...municipalities)', { municipalities: filter.municipalities });
  if (filter.status) query.andWhere('e.status = :status', { status: filter.status });
  if (filter.after) {
    query.andWhere('(e.raised_at, e.escalation_id) < (:afterAt, :afterId)', {
      afterAt: new Date(filter.after.raisedAt),
      afterId: filter.after.escalationId,
    });
  }
  const rows = await query
    .orderBy('e.raised_at', 'DESC')
    .addOrderBy('e.escalation_id', 'DESC')
    .limit(filter.limit + 1)
    .getMany();
  return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
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
