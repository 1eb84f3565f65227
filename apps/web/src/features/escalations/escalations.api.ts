// The escalation and rule endpoints as TanStack queries: one place for the query keys, so that
// a case command can refresh the case, the inbox and the rule statistics it changes.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components, operations } from '../../api/schema';

export type EscalationView = components['schemas']['EscalationView'];
export type EscalationDetail = components['schemas']['EscalationDetailView'];
export type EscalationStatus = EscalationView['status'];
export type Outcome = NonNullable<EscalationView['outcome']>;
export type Severity = EscalationView['severity'];
export type RuleCatalogue = components['schemas']['RuleCatalogueDto'];
export type RuleSetVersion = components['schemas']['RuleSetVersionDto'];
export type RuleStats = components['schemas']['RuleStatsDto'];
export type BacktestRequest = components['schemas']['BacktestRequestDto'];
export type BacktestReport = components['schemas']['BacktestReportDto'];
export type RuleId = components['schemas']['RuleStatsDto']['ruleId'];

type ListQuery = NonNullable<operations['EscalationsHttpController_list']['parameters']['query']>;

export const ESCALATION_STATUSES: readonly EscalationStatus[] = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'];
export const OUTCOMES: readonly Outcome[] = [
  'RISK_CONFIRMED',
  'VALUABLE',
  'FALSE_POSITIVE',
  'MERGED',
];

// Every rule of the API once: a new rule in the API fails the typecheck here.
const RULES: Record<RuleId, true> = {
  'threat-cluster': true,
  'bribery-and-infiltration': true,
  'cross-municipality-subject': true,
  'critical-signal': true,
  'election-infiltration': true,
  'rising-risk': true,
};
export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(RULES, value);
}

export function isStatus(value: string): value is EscalationStatus {
  return (ESCALATION_STATUSES as readonly string[]).includes(value);
}

/** The inbox's filters, as they stand in the URL (`/escalations?municipality=GM0363`). */
export interface InboxFilters {
  status?: string;
  municipality?: string;
  ruleId?: string;
  assignee?: string;
}

export const FILTER_KEYS = ['status', 'municipality', 'ruleId', 'assignee'] as const;

export const escalationKeys = {
  all: ['escalations'] as const,
  list: (filters: InboxFilters) => ['escalations', 'list', filters] as const,
  detail: (escalationId: string) => ['escalations', 'detail', escalationId] as const,
};

export const ruleKeys = {
  all: ['rules'] as const,
  catalogue: ['rules', 'catalogue'] as const,
  stats: ['rules', 'stats'] as const,
};

const PAGE_SIZE = 50;

/** The escalations within the caller's scope, page by page (newest first). */
export function useEscalationList(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: escalationKeys.list(filters),
    queryFn: ({ pageParam }) => {
      // The URL may say anything: the API judges it and answers with field errors.
      const query = { ...filters, limit: PAGE_SIZE } as ListQuery;
      if (pageParam) query.cursor = pageParam;
      return unwrap(api.GET('/api/v1/escalations', { params: { query } }));
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useEscalation(escalationId: string) {
  return useQuery({
    queryKey: escalationKeys.detail(escalationId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/escalations/{escalationId}', { params: { path: { escalationId } } })),
  });
}

export function useRuleCatalogue() {
  return useQuery({
    queryKey: ruleKeys.catalogue,
    queryFn: () => unwrap(api.GET('/api/v1/rules')),
  });
}

export function useRuleStats() {
  return useQuery({
    queryKey: ruleKeys.stats,
    queryFn: () => unwrap(api.GET('/api/v1/rules/stats')),
  });
}
