// The escalation rules as data (SPEC §5): a versioned rule set with each rule's parameters,
// and the parser that checks a rule set given by an analyst (a draft, a back-test).
import {
  type Category,
  InputReader,
  type JsonObject,
  RISK_LEVELS,
  type RiskLevel,
  type Severity,
} from '@weerbaar/domain';

export const RULE_IDS = [
  'threat-cluster',
  'bribery-and-infiltration',
  'cross-municipality-subject',
  'critical-signal',
  'election-infiltration',
  'rising-risk',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The longest window a rule may look back. The engine keeps signals within reach of a window
 * only; a bound also keeps a typo (windowDays: 36500) from making every signal count forever.
 */
export const MAX_WINDOW_DAYS = 365;

/** ≥ minSignals live THREAT signals in one municipality that occurred within windowDays. */
export interface ThreatClusterRule {
  id: 'threat-cluster';
  params: { minSignals: number; windowDays: number };
}

/** A live BRIBERY and a live INFILTRATION signal in one municipality within windowDays. */
export interface BriberyAndInfiltrationRule {
  id: 'bribery-and-infiltration';
  params: { windowDays: number };
}

/** One subject fingerprint in live signals of ≥ minMunicipalities municipalities within windowDays. */
export interface CrossMunicipalitySubjectRule {
  id: 'cross-municipality-subject';
  params: { minMunicipalities: number; windowDays: number };
}

/** Any live signal of at least minSeverity, on record or raised to it by an amendment. */
export interface CriticalSignalRule {
  id: 'critical-signal';
  params: { minSeverity: Severity };
}

/** An INFILTRATION signal against a KANDIDAAT that occurred within daysBefore an election day. */
export interface ElectionInfiltrationRule {
  id: 'election-infiltration';
  params: { daysBefore: number };
}

/** The municipality's risk level rises to minLevel or above. */
export interface RisingRiskRule {
  id: 'rising-risk';
  params: { minLevel: RiskLevel };
}

export type Rule =
  | ThreatClusterRule
  | BriberyAndInfiltrationRule
  | CrossMunicipalitySubjectRule
  | CriticalSignalRule
  | ElectionInfiltrationRule
  | RisingRiskRule;

export interface RuleSet {
  version: number;
  rules: readonly Rule[];
}

/** The rule set of SPEC §5, live until a published version replaces it. */
export const RULE_SET_V1: RuleSet = {
  version: 1,
  rules: [
    { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
    { id: 'bribery-and-infiltration', params: { windowDays: 90 } },
    { id: 'cross-municipality-subject', params: { minMunicipalities: 2, windowDays: 180 } },
    { id: 'critical-signal', params: { minSeverity: 5 } },
    { id: 'election-infiltration', params: { daysBefore: 180 } },
    { id: 'rising-risk', params: { minLevel: 'HIGH' } },
  ],
};

export const DEFAULT_RULE_SET = RULE_SET_V1;

const MAX_RULES = RULE_IDS.length;

/** A rule set as given from outside: the version is the server's to give to drafts. */
export interface RuleSetInput {
  version?: number;
  rules: Rule[];
}

/**
 * Parses an untrusted rule set (`{version?, rules}`); throws MalformedInputError (unknown fields)
 * or ValidationError with every problem at once.
 */
export function parseRuleSet(input: unknown, allowed: readonly string[] = []): RuleSetInput {
  const reader = new InputReader();
  const body = reader.root(input, ['version', 'rules', ...allowed]);
  const rules = readRules(reader, body, 'rules');
  const version = reader.isAbsent(body, 'version')
    ? undefined
    : reader.integer(body, 'version', 1, 1_000_000);
  reader.throwIfAny();
  return version === undefined ? { rules: rules ?? [] } : { version, rules: rules ?? [] };
}

/** Reads `source[key]` as a list of rules into `reader`'s problems; undefined when invalid. */
export function readRules(
  reader: InputReader,
  source: JsonObject,
  key: string,
  path = key,
): Rule[] | undefined {
  const items = reader.array(source, key, MAX_RULES, path);
  if (items === undefined) return undefined;
  if (items.length === 0) reader.error(path, 'must hold at least one rule');
  const rules: Rule[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const itemPath = `${path}[${index}]`;
    const rule = reader.nested(item, itemPath, ['id', 'params']);
    if (rule === undefined) return;
    const id = reader.oneOf(rule, 'id', RULE_IDS, `${itemPath}.id`);
    if (id === undefined) return;
    if (seen.has(id)) reader.error(`${itemPath}.id`, `${id} appears more than once`);
    seen.add(id);
    const parsed = readRule(reader, id, rule.params, `${itemPath}.params`);
    if (parsed !== undefined) rules.push(parsed);
  });
  return reader.hasErrors ? undefined : rules;
}

/** The parameters of each rule and their bounds: what the parser accepts and the API documents. */
export const RULE_PARAMETERS: Record<
  RuleId,
  Record<string, { min: number; max: number } | { oneOf: readonly string[] }>
> = {
  'threat-cluster': {
    minSignals: { min: 2, max: 100 },
    windowDays: { min: 1, max: MAX_WINDOW_DAYS },
  },
  'bribery-and-infiltration': { windowDays: { min: 1, max: MAX_WINDOW_DAYS } },
  'cross-municipality-subject': {
    minMunicipalities: { min: 2, max: 50 },
    windowDays: { min: 1, max: MAX_WINDOW_DAYS },
  },
  'critical-signal': { minSeverity: { min: 1, max: 5 } },
  'election-infiltration': { daysBefore: { min: 1, max: MAX_WINDOW_DAYS } },
  'rising-risk': { minLevel: { oneOf: RISK_LEVELS.filter((level) => level !== 'LOW') } },
};

function readRule(reader: InputReader, id: RuleId, value: unknown, path: string): Rule | undefined {
  const parameters = RULE_PARAMETERS[id];
  const source = reader.nested(value, path, Object.keys(parameters));
  if (source === undefined) return undefined;
  const params: Record<string, number | string | undefined> = {};
  for (const [name, bounds] of Object.entries(parameters)) {
    params[name] =
      'oneOf' in bounds
        ? reader.oneOf(source, name, bounds.oneOf, `${path}.${name}`)
        : reader.integer(source, name, bounds.min, bounds.max, `${path}.${name}`);
  }
  if (Object.values(params).some((value) => value === undefined)) return undefined;
  // The table above is the rules' types in data: each id gets exactly its parameters.
  return { id, params } as Rule;
}

/**
 * How far back the rules of these sets look: per category for the municipality rules, and for
 * the subject rule. The engine needs the signals within these horizons to judge a batch.
 */
export function horizonsOf(ruleSets: readonly RuleSet[]): {
  municipality: Record<Category, number>;
  subject: number;
} {
  const municipality: Record<Category, number> = { THREAT: 0, BRIBERY: 0, INFILTRATION: 0 };
  let subject = 0;
  const widen = (category: Category, days: number) =>
    (municipality[category] = Math.max(municipality[category], days));
  for (const { rules } of ruleSets) {
    for (const rule of rules) {
      if (rule.id === 'threat-cluster') widen('THREAT', rule.params.windowDays);
      else if (rule.id === 'bribery-and-infiltration') {
        widen('BRIBERY', rule.params.windowDays);
        widen('INFILTRATION', rule.params.windowDays);
      } else if (rule.id === 'cross-municipality-subject') {
        subject = Math.max(subject, rule.params.windowDays);
      }
    }
  }
  return { municipality, subject };
}
