// Lists escalations within a set of municipalities, newest first, keyset-paginated on
// (raisedAt, escalationId); and reads one with its contributing signals' facts.
import { In, IsNull, type DataSource } from 'typeorm';
import { EscalationViewEntity } from '../entities/escalation-view.entity';
import { SignalVersionEntity } from '../entities/signal-version.entity';
import { keysetPage, type Page, type PageKey } from './cursor';
import { SHOWN_TO_MAYOR } from './mayor-view';

export interface EscalationListFilter {
  municipalities: readonly string[];
  status?: string;
  ruleId?: string;
  assignee?: string;
  /**
   * The burgemeester's view: only escalations with at least one contributing signal that is not
   * withheld from them.
   */
  forMayor?: boolean;
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
  if (filter.ruleId) query.andWhere('e.rule_id = :ruleId', { ruleId: filter.ruleId });
  if (filter.assignee) query.andWhere('e.assignee = :assignee', { assignee: filter.assignee });
  if (filter.forMayor) query.andWhere(SHOWN_TO_MAYOR);
  return keysetPage(
    query,
    { moment: 'e.raised_at', id: 'e.escalation_id' },
    filter.after,
    filter.limit,
  );
}

/** Whether the burgemeester may see the escalation (see SHOWN_TO_MAYOR). */
export async function isShownToMayor(
  dataSource: DataSource,
  escalationId: string,
): Promise<boolean> {
  const rows = await dataSource.query<unknown[]>(
    `SELECT 1 FROM escalations e WHERE e.escalation_id = $1 AND ${SHOWN_TO_MAYOR}`,
    [escalationId],
  );
  return rows.length > 0;
}

export interface RuleStatistics {
  ruleId: string;
  raised: number;
  open: number;
  /** Closed cases per disposition. */
  outcomes: Record<string, number>;
}

/** Per rule: escalations raised in the municipalities, open ones, and closed ones by disposition. */
export async function ruleStatistics(
  dataSource: DataSource,
  municipalities: readonly string[],
): Promise<RuleStatistics[]> {
  const rows = await dataSource.query<{ rule_id: string; outcome: string | null; count: string }[]>(
    `SELECT rule_id, outcome, count(*)::text AS count FROM escalations
      WHERE municipality = ANY($1::varchar[]) GROUP BY rule_id, outcome ORDER BY rule_id`,
    [municipalities],
  );
  const perRule = new Map<string, RuleStatistics>();
  for (const row of rows) {
    const stats = perRule.get(row.rule_id) ?? {
      ruleId: row.rule_id,
      raised: 0,
      open: 0,
      outcomes: {},
    };
    const count = Number(row.count);
    stats.raised += count;
    if (row.outcome === null) stats.open += count;
    else stats.outcomes[row.outcome] = count;
    perRule.set(row.rule_id, stats);
  }
  return [...perRule.values()];
}

/** Escalations raised between two moments in the municipalities (for a back-test's comparison). */
export async function escalationsRaisedBetween(
  dataSource: DataSource,
  municipalities: readonly string[],
  from: Date,
  to: Date,
): Promise<EscalationViewEntity[]> {
  if (municipalities.length === 0) return [];
  return dataSource
    .getRepository(EscalationViewEntity)
    .createQueryBuilder('e')
    .where('e.municipality IN (:...municipalities)', { municipalities })
    .andWhere('e.raised_at >= :from AND e.raised_at <= :to', { from, to })
    .orderBy('e.raised_at', 'ASC')
    .addOrderBy('e.escalation_id', 'ASC')
    .getMany();
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

/**
 * Per escalation, its contributing signals per category (current facts). For the burgemeester
 * only signals not withheld from them count; escalations with none are absent from the map.
 */
export async function contributingCategoryCounts(
  dataSource: DataSource,
  escalationIds: readonly string[],
  viewer: { forMayor?: boolean } = {},
): Promise<Map<string, Record<string, number>>> {
  const counts = new Map<string, Record<string, number>>();
  if (escalationIds.length === 0) return counts;
  const rows = await dataSource.query<{ escalation_id: string; category: string; count: string }[]>(
    `SELECT e.escalation_id::text AS escalation_id, v.category, count(*)::text AS count
       FROM escalations e
       CROSS JOIN LATERAL jsonb_array_elements_text(e.contributing_signal_ids) AS c(signal_id)
       JOIN signal_versions v ON v.signal_id = c.signal_id::uuid AND v.superseded_at IS NULL
      WHERE e.escalation_id = ANY($1::uuid[]) ${viewer.forMayor ? 'AND NOT v.withheld_from_mayor' : ''}
      GROUP BY e.escalation_id, v.category`,
    [escalationIds],
  );
  for (const row of rows) {
    const perCategory = counts.get(row.escalation_id) ?? {};
    perCategory[row.category] = Number(row.count);
    counts.set(row.escalation_id, perCategory);
  }
  return counts;
}

/** The signal ids of an escalation that the burgemeester may count (not withheld from them). */
export async function signalsShownToMayor(
  dataSource: DataSource,
  signalIds: readonly string[],
): Promise<Set<string>> {
  if (signalIds.length === 0) return new Set();
  const rows = await dataSource.query<{ signal_id: string }[]>(
    `SELECT signal_id::text AS signal_id FROM signal_versions
      WHERE signal_id = ANY($1::uuid[]) AND superseded_at IS NULL AND NOT withheld_from_mayor`,
    [signalIds],
  );
  return new Set(rows.map((row) => row.signal_id));
}

/**
 * The escalations of a municipality that its burgemeester may see: open ones, and those closed
 * since `closedSince`, newest first, at most `limit`.
 */
export async function mayorEscalations(
  dataSource: DataSource,
  municipality: string,
  closedSince: Date,
  limit = 50,
): Promise<EscalationViewEntity[]> {
  return dataSource
    .getRepository(EscalationViewEntity)
    .createQueryBuilder('e')
    .where('e.municipality = :municipality', { municipality })
    .andWhere('(e.closed_at IS NULL OR e.closed_at >= :closedSince)', { closedSince })
    .andWhere(SHOWN_TO_MAYOR)
    .orderBy('e.raised_at', 'DESC')
    .addOrderBy('e.escalation_id', 'DESC')
    .limit(limit)
    .getMany();
}
