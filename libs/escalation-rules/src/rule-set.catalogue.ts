// The catalogue of rule sets (stream `rule-sets`) as a pure decider: analysts and admins draft
// rule sets, another person publishes one (four eyes), exactly one version is live. The built-in
// rule set is version 1 and live until the first publication.
import { type CommandMetadata, ConflictError, NotFoundError } from '@weerbaar/domain';
import { DEFAULT_RULE_SET, type Rule, type RuleSet } from './rule-set';

export const RULE_SETS_STREAM = 'rule-sets';

export interface RuleSetDrafted {
  type: 'RuleSetDrafted';
  data: {
    version: number;
    rules: Rule[];
    note: string | null;
    draftedBy: string;
    draftedAt: string;
  };
}

/** Carries the whole rule set, so the rule engine switches to it without looking anything up. */
export interface RuleSetPublished {
  type: 'RuleSetPublished';
  data: {
    version: number;
    rules: Rule[];
    draftedBy: string;
    publishedBy: string;
    publishedAt: string;
  };
}

export type RuleSetEvent = RuleSetDrafted | RuleSetPublished;

export interface DraftRuleSet {
  type: 'DraftRuleSet';
  data: { rules: Rule[]; note: string | null };
  metadata: CommandMetadata;
}

export interface PublishRuleSet {
  type: 'PublishRuleSet';
  data: { version: number };
  metadata: CommandMetadata;
}

export type RuleSetCommand = DraftRuleSet | PublishRuleSet;

export interface RuleSetVersion {
  version: number;
  rules: readonly Rule[];
  note: string | null;
  /** null for the built-in rule set. */
  draftedBy: string | null;
  draftedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface RuleSetCatalogue {
  live: number;
  /** Every version, the built-in one first. */
  versions: RuleSetVersion[];
}

export const BUILT_IN_RULE_SET: RuleSetVersion = {
  ...DEFAULT_RULE_SET,
  note: 'De regels van de specificatie (ingebouwd)',
  draftedBy: null,
  draftedAt: null,
  publishedBy: null,
  publishedAt: null,
};

export const initialRuleSetCatalogue = (): RuleSetCatalogue => ({
  live: BUILT_IN_RULE_SET.version,
  versions: [BUILT_IN_RULE_SET],
});

export function evolveRuleSetCatalogue(
  state: RuleSetCatalogue,
  event: RuleSetEvent,
): RuleSetCatalogue {
  switch (event.type) {
    case 'RuleSetDrafted': {
      const { version, rules, note, draftedBy, draftedAt } = event.data;
      const draft: RuleSetVersion = {
        version,
        rules,
        note,
        draftedBy,
        draftedAt,
        publishedBy: null,
        publishedAt: null,
      };
      return { ...state, versions: [...state.versions, draft] };
    }
    case 'RuleSetPublished': {
      const { version, publishedBy, publishedAt } = event.data;
      return {
        live: version,
        versions: state.versions.map((v) =>
          v.version === version ? { ...v, publishedBy, publishedAt } : v,
        ),
      };
    }
  }
}

export function decideRuleSetCatalogue(
  command: RuleSetCommand,
  state: RuleSetCatalogue,
): RuleSetEvent[] {
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'DraftRuleSet': {
      const version = Math.max(...state.versions.map((v) => v.version)) + 1;
      const { rules, note } = command.data;
      return [
        {
          type: 'RuleSetDrafted',
          data: { version, rules, note, draftedBy: command.metadata.actor, draftedAt: at },
        },
      ];
    }
    case 'PublishRuleSet': {
      const { version } = command.data;
      const draft = state.versions.find((v) => v.version === version);
      if (draft === undefined) throw new NotFoundError('rule set', String(version));
      if (draft.draftedBy === command.metadata.actor) {
        throw new ConflictError(
          'RULE_SET_OWN_DRAFT',
          `Rule set ${version} was drafted by you: another person must publish it (four eyes)`,
        );
      }
      if (draft.draftedBy === null || version <= state.live) {
        throw new ConflictError(
          'RULE_SET_NOT_PUBLISHABLE',
          version === state.live
            ? `Rule set ${version} is already live`
            : `Rule set ${version} is older than the live rule set ${state.live}`,
        );
      }
      return [
        {
          type: 'RuleSetPublished',
          data: {
            version,
            rules: [...draft.rules],
            draftedBy: draft.draftedBy,
            publishedBy: command.metadata.actor,
            publishedAt: at,
          },
        },
      ];
    }
  }
}

export const ruleSetCatalogueDecider = {
  decide: decideRuleSetCatalogue,
  evolve: evolveRuleSetCatalogue,
  initialState: initialRuleSetCatalogue,
};

/** The live rule set of a catalogue. */
export function liveRuleSetOf(catalogue: RuleSetCatalogue): RuleSet {
  const live = catalogue.versions.find((v) => v.version === catalogue.live) ?? BUILT_IN_RULE_SET;
  return { version: live.version, rules: live.rules };
}
