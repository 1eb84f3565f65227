// The escalation rules as data (SPEC §5): a versioned rule set with each rule's parameters,
// and the parser that checks a rule set given by an analyst (a draft, a back-test).
import { InputReader, type JsonObject, type Severity } from '@weerbaar/domain';

export const RULE_IDS = ['threat-cluster', 'critical-signal'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const isRuleId = (value: string): value is RuleId =>
  (RULE_IDS as readonly string[]).includes(value);

/** ≥ minSignals live THREAT signals in one municipality that occurred within windowDays. */
export interface ThreatClusterRule {
  id: 'threat-cluster';
  params: { minSignals: number; windowDays: number };
}

/** Any live signal of at least minSeverity, on record or raised to it by an amendment. */
export interface CriticalSignalRule {
  id: 'critical-signal';
  params: { minSeverity: Severity };
}

export type Rule = ThreatClusterRule | CriticalSignalRule;

export interface RuleSet {
  version: number;
  rules: readonly Rule[];
}

export const RULE_SET_V1: RuleSet = {
  version: 1,
  rules: [
    { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } },
    { id: 'critical-signal', params: { minSeverity: 5 } },
  ],
};

export const DEFAULT_RULE_SET = RULE_SET_V1;

const MAX_RULES = 50;

/** Parses an untrusted rule set; throws MalformedInputError or ValidationError with all problems. */
export function parseRuleSet(input: unknown): RuleSet {
  const reader = new InputReader();
  const body = reader.root(input, ['version', 'rules']);
  const version = reader.integer(body, 'version', 1, Number.MAX_SAFE_INTEGER);
  const rules: Rule[] = [];
  const seen = new Set<string>();
  reader.array(body, 'rules', MAX_RULES)?.forEach((item, index) => {
    const path = `rules[${index}]`;
    const source = reader.nested(item, path, ['id', 'params']);
    if (source === undefined) return;
    const id = reader.oneOf(source, 'id', RULE_IDS, `${path}.id`);
    if (id === undefined) return;
    if (seen.has(id)) reader.error(`${path}.id`, `${id} appears more than once`);
    seen.add(id);
    const rule = readRule(reader, id, source.params, `${path}.params`);
    if (rule !== undefined) rules.push(rule);
  });
  return { ...reader.complete({ version }), rules };
}

function readRule(reader: InputReader, id: RuleId, value: unknown, path: string): Rule | undefined {
  switch (id) {
    case 'threat-cluster': {
      const params = reader.nested(value, path, ['minSignals', 'windowDays']);
      if (params === undefined) return undefined;
      const minSignals = reader.integer(params, 'minSignals', 2, 100, `${path}.minSignals`);
      const windowDays = reader.integer(params, 'windowDays', 1, 3650, `${path}.windowDays`);
      return minSignals === undefined || windowDays === undefined
        ? undefined
        : { id, params: { minSignals, windowDays } };
    }
    case 'critical-signal': {
      const params: JsonObject | undefined = reader.nested(value, path, ['minSeverity']);
      if (params === undefined) return undefined;
      const minSeverity = reader.integer(params, 'minSeverity', 1, 5, `${path}.minSeverity`);
      return minSeverity === undefined
        ? undefined
        : { id, params: { minSeverity: minSeverity as Severity } };
    }
  }
}
