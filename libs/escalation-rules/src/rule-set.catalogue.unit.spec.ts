// Rule sets as versioned data with four eyes: drafted by one person, published by another,
// exactly one live version.
import { ConflictError, NotFoundError } from '@weerbaar/domain';
import { DeciderSpecification } from '../../testing/src/specification/decider-specification';
import { RULE_SET_V1 } from './rule-set';
import {
  liveRuleSetOf,
  type RuleSetDrafted,
  ruleSetCatalogueDecider,
  type RuleSetPublished,
} from './rule-set.catalogue';

const given = DeciderSpecification.for(ruleSetCatalogueDecider);
const now = new Date('2026-11-24T10:00:00.000Z');
const rules = [{ id: 'threat-cluster' as const, params: { minSignals: 4, windowDays: 30 } }];
const drafted: RuleSetDrafted = {
  type: 'RuleSetDrafted',
  data: {
    version: 2,
    rules,
    note: 'Minder ruis',
    draftedBy: 'analyst-a',
    draftedAt: now.toISOString(),
  },
};
const publish = (actor: string, version = 2) => ({
  type: 'PublishRuleSet' as const,
  data: { version },
  metadata: { now, actor },
});
const published: RuleSetPublished = {
  type: 'RuleSetPublished',
  data: {
    version: 2,
    rules,
    draftedBy: 'analyst-a',
    publishedBy: 'admin-b',
    publishedAt: now.toISOString(),
  },
};

describe('rule set catalogue', () => {
  it('gives a draft the next version after the built-in one', () => {
    given([])
      .when({
        type: 'DraftRuleSet',
        data: { rules, note: 'Minder ruis' },
        metadata: { now, actor: 'analyst-a' },
      })
      .then([drafted]);
  });

  it('lets another person publish a draft, which then is the live set', () => {
    given([drafted]).when(publish('admin-b')).then([published]);
    given([drafted])
      .when(publish('admin-b'))
      .thenState((state) => expect(liveRuleSetOf(state)).toEqual({ version: 2, rules }));
  });

  it('refuses the author publishing their own draft (four eyes)', () => {
    given([drafted])
      .when(publish('analyst-a'))
      .thenThrows(ConflictError, (e) => e.reason === 'RULE_SET_OWN_DRAFT');
  });

  it('refuses publishing twice, an older draft, the built-in set, or an unknown version', () => {
    given([drafted, published])
      .when(publish('admin-c'))
      .thenThrows(ConflictError, (e) => e.reason === 'RULE_SET_NOT_PUBLISHABLE');
    given([
      drafted,
      { ...drafted, data: { ...drafted.data, version: 3 } },
      { ...published, data: { ...published.data, version: 3 } },
    ])
      .when(publish('admin-c', 2))
      .thenThrows(ConflictError, (e) => e.reason === 'RULE_SET_NOT_PUBLISHABLE');
    given([]).when(publish('admin-c', 1)).thenThrows(ConflictError);
    given([]).when(publish('admin-c', 9)).thenThrows(NotFoundError);
  });

  it('has the built-in rule set live before any publication', () => {
    given([drafted])
      .when({ type: 'DraftRuleSet', data: { rules, note: null }, metadata: { now, actor: 'x' } })
      .thenState((state) => {
        expect(liveRuleSetOf(state)).toEqual(RULE_SET_V1);
        expect(state.versions.map((v) => v.version)).toEqual([1, 2, 3]);
      });
  });
});
