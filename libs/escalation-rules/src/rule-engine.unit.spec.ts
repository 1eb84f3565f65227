// The rule engine over the global log: given these events, when this event, then these decisions.
// Every rule of SPEC §5 at its edges — exactly at the threshold, one day outside the window, a
// retracted signal, an amendment that moves a signal into or out of the rule — and the case
// around them: updates while open, a closed case frees the slot, snoozes, rule-set versions.
import {
  addDays,
  DEFAULT_RISK_CONFIG,
  type EscalationEvent,
  type SignalEvent,
} from '@weerbaar/domain';
import { ReactorSpecification } from '../../testing/src/specification/decider-specification';
import {
  aBribery,
  anInfiltration,
  aThreat,
  type SignalBuilder,
} from '../../testing/src/specification/signal-fixtures';
import { escalationIdFor } from './escalation-id';
import { applyEvent } from './rule-engine';
import type {
  EscalationDecision,
  MunicipalityDirectory,
  RuleEngineContext,
  RuleEngineEvent,
} from './rule-engine.types';
import { type Rule, RULE_SET_V1, type RuleSet } from './rule-set';
import type { RuleSetEvent } from './rule-set.catalogue';
import { RuleWorkingState } from './rule-state';
import type { RuleSnoozed } from './snooze';

const NAMES: Record<string, string> = {
  GM0363: 'Amsterdam',
  GM0362: 'Amstelveen',
  GM0599: 'Rotterdam',
};
const REGIONS: Record<string, string> = {
  GM0363: 'amsterdam',
  GM0362: 'amsterdam',
  GM0599: 'rotterdam',
};
const places: MunicipalityDirectory = {
  municipalityName: (code) => NAMES[code],
  riecRegionOf: (code) => REGIONS[code],
};
/** 180 days after the clock's day: the first day whose run-up holds the clock's day. */
const ELECTION_DAY = '2025-11-28';
const context: RuleEngineContext = {
  places,
  risk: DEFAULT_RISK_CONFIG,
  electionDays: [ELECTION_DAY],
};

/** The rule's clock in these tests: Sunday 1 June 2025, 12:00 in Amsterdam. */
const CLOCK = new Date('2025-06-01T10:00:00.000Z');
const minutes = (n: number): Date => new Date(CLOCK.getTime() + n * 60_000);

/** A reactor over one rule set: the rules under test alone, so other rules stay out of the way. */
const specFor = (...rules: Rule[]) =>
  ReactorSpecification.for({
    initialState: () => new RuleWorkingState({ ruleSet: { version: 1, rules } }),
    react: (state: RuleWorkingState, event: RuleEngineEvent) => ({
      state,
      outputs: applyEvent(state, event, context),
    }),
  });

let counter = 0;
/** An event as it stands in the log: with an id and the time it was recorded. */
const logged = (
  event: SignalEvent | EscalationEvent | RuleSetEvent | RuleSnoozed,
  eventId = `e${++counter}`,
  recordedAt = CLOCK,
): RuleEngineEvent => ({ ...event, eventId, recordedAt });

const recorded = (builder: SignalBuilder, eventId?: string, at = CLOCK): RuleEngineEvent =>
  logged(builder.recorded(), eventId, at);
const amended = (signalId: string, changes: object, eventId?: string, at = CLOCK) =>
  logged(
    {
      type: 'SignalAmended',
      data: { signalId, changes, personalChanges: {}, reason: 'Correctie' },
    },
    eventId,
    at,
  );
const retracted = (signalId: string, eventId?: string, at = CLOCK) =>
  logged({ type: 'SignalRetracted', data: { signalId, reason: 'Ingetrokken' } }, eventId, at);
const closed = (escalationId: string, at = CLOCK) =>
  logged(
    {
      type: 'EscalationClosed',
      data: {
        escalationId,
        outcome: 'FALSE_POSITIVE',
        note: 'Geen ondermijning',
        closedBy: 'analyst-1',
        closedAt: at.toISOString(),
      },
    },
    undefined,
    at,
  );

const threat = (id: string, daysAgo: number) => aThreat().withId(id).asOf(CLOCK).daysAgo(daysAgo);
const raises = (decisions: readonly EscalationDecision[]) =>
  decisions.filter((d) => d.type === 'RaiseEscalation');
const idsOf = (decisions: readonly EscalationDecision[]) =>
  decisions.map((d) =>
    d.type === 'RaiseEscalation' ? d.data.contributingSignalIds : d.data.addedSignalIds,
  );

describe('rule engine', () => {
  describe('threat-cluster (≥ 3 live threats in one municipality within 30 days)', () => {
    const rule: Rule = { id: 'threat-cluster', params: { minSignals: 3, windowDays: 30 } };
    const given = specFor(rule);

    it('raises on the third threat, with every threat of the window, on the rule clock', () => {
      given([recorded(threat('t1', 20)), recorded(threat('t2', 10))])
        .when(recorded(threat('t3', 1), 'e3'))
        .then([
          {
            type: 'RaiseEscalation',
            data: {
              escalationId: escalationIdFor('threat-cluster', 'GM0363', 'e3'),
              ruleId: 'threat-cluster',
              ruleVersion: 1,
              municipality: 'GM0363',
              riecRegion: 'amsterdam',
              contributingSignalIds: ['t1', 't2', 't3'],
              explanation:
                '3 meldingen van bedreiging in Amsterdam binnen 30 dagen (2 mei 2025 t/m 1 juni 2025); de regel slaat aan vanaf 3.',
              severity: 'HIGH',
              raisedAt: CLOCK.toISOString(),
              triggeredByEventId: 'e3',
            },
            metadata: { now: CLOCK, actor: 'system:rule-engine' },
          },
        ]);
    });

    it('counts a threat that occurred exactly 30 days before the clock, not one 31 days before', () => {
      given([recorded(threat('t1', 30)), recorded(threat('t2', 10))])
        .when(recorded(threat('t3', 1)))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['t1', 't2', 't3']]));
      given([recorded(threat('t1', 31)), recorded(threat('t2', 10))])
        .when(recorded(threat('t3', 1)))
        .thenNothingHappened();
    });

    it('does not count a retracted threat', () => {
      given([recorded(threat('t1', 5)), recorded(threat('t2', 4)), retracted('t1')])
        .when(recorded(threat('t3', 1)))
        .thenNothingHappened();
    });

    it('raises when an amendment moves a signal into the rule (bribery corrected to threat)', () => {
      const b1 = aBribery().withId('b1').asOf(CLOCK).daysAgo(3);
      given([recorded(threat('t1', 5)), recorded(threat('t2', 4)), recorded(b1)])
        .when(amended('b1', { category: 'THREAT', subcategory: 'VERBAL' }))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['t1', 't2', 'b1']]));
    });

    it('does not raise once an amendment moved a signal out of the rule or out of the window', () => {
      given([
        recorded(threat('t1', 5)),
        recorded(threat('t2', 4)),
        amended('t2', { category: 'BRIBERY', subcategory: 'MONEY_OFFER' }),
      ])
        .when(recorded(threat('t3', 1)))
        .thenNothingHappened();
      given([
        recorded(threat('t1', 5)),
        recorded(threat('t2', 4)),
        amended('t1', { occurredAt: addDays(CLOCK, -40).toISOString() }),
      ])
        .when(recorded(threat('t3', 1)))
        .thenNothingHappened();
    });

    it('adds a further threat to the open escalation instead of raising a second one', () => {
      const three = [
        recorded(threat('t1', 20)),
        recorded(threat('t2', 10)),
        recorded(threat('t3', 1), 'e3'),
      ];
      given(three)
        .when(recorded(threat('t4', 0), 'e4', minutes(60)))
        .then([
          {
            type: 'UpdateEscalation',
            data: {
              escalationId: escalationIdFor('threat-cluster', 'GM0363', 'e3'),
              addedSignalIds: ['t4'],
              explanation:
                'Nieuwe melding van bedreiging in Amsterdam: nu 4 meldingen van bedreiging binnen 30 dagen (2 mei 2025 t/m 1 juni 2025), 4 meldingen in totaal bij deze escalatie.',
              updatedAt: minutes(60).toISOString(),
              triggeredByEventId: 'e4',
            },
            metadata: { now: minutes(60), actor: 'system:rule-engine' },
          },
        ]);
    });

    it('raises anew after the case is closed, but not for a correction of a counted threat', () => {
      const clusterId = escalationIdFor('threat-cluster', 'GM0363', 'e3');
      const history = [
        recorded(threat('t1', 20)),
        recorded(threat('t2', 10)),
        recorded(threat('t3', 1), 'e3'),
        closed(clusterId),
      ];
      given(history)
        .when(recorded(threat('t4', 0), 'e4'))
        .thenMatches((decisions) => {
          expect(raises(decisions).map((d) => d.data.escalationId)).toEqual([
            escalationIdFor('threat-cluster', 'GM0363', 'e4'),
          ]);
          expect(idsOf(decisions)).toEqual([['t1', 't2', 't3', 't4']]);
        });
      given(history)
        .when(amended('t2', { severity: 4 }))
        .thenNothingHappened();
    });

    it('keeps municipalities apart', () => {
      given([recorded(threat('t1', 5)), recorded(threat('t2', 4))])
        .when(recorded(threat('r1', 1).in('GM0599')))
        .thenNothingHappened();
    });

    it('stays silent while snoozed for the municipality, and raises after the snooze', () => {
      const snooze = logged({
        type: 'RuleSnoozed',
        data: {
          snoozeId: 's1',
          ruleId: 'threat-cluster',
          riecRegion: 'amsterdam',
          municipality: 'GM0363',
          fingerprint: null,
          until: minutes(60).toISOString(),
          reason: 'Bekende reeks, in onderzoek',
          snoozedBy: 'analyst-1',
          snoozedAt: CLOCK.toISOString(),
        },
      });
      given([snooze, recorded(threat('t1', 5)), recorded(threat('t2', 4))])
        .when(recorded(threat('t3', 1)))
        .thenNothingHappened();
      given([
        snooze,
        recorded(threat('t1', 5)),
        recorded(threat('t2', 4)),
        recorded(threat('t3', 1)),
      ])
        .when(recorded(threat('t4', 0), 'e4', minutes(60)))
        .thenMatches((decisions) => expect(raises(decisions)).toHaveLength(1));
    });
  });

  describe('bribery-and-infiltration (both in one municipality within 90 days)', () => {
    const given = specFor({ id: 'bribery-and-infiltration', params: { windowDays: 90 } });
    const bribery = (id: string, daysAgo: number) =>
      aBribery().withId(id).asOf(CLOCK).daysAgo(daysAgo);
    const infiltration = (id: string, daysAgo: number) =>
      anInfiltration().withId(id).asOf(CLOCK).daysAgo(daysAgo);

    it('raises when the second category joins the first, with both', () => {
      given([recorded(bribery('b1', 30))])
        .when(recorded(infiltration('i1', 2), 'e2'))
        .thenMatches((decisions) => {
          expect(decisions).toHaveLength(1);
          expect(decisions[0]).toMatchObject({
            type: 'RaiseEscalation',
            data: {
              ruleId: 'bribery-and-infiltration',
              contributingSignalIds: ['b1', 'i1'],
              explanation:
                '1 melding van omkoping en 1 melding van infiltratie in Amsterdam binnen 90 dagen (3 maart 2025 t/m 1 juni 2025).',
            },
          });
        });
    });

    it('counts a bribery exactly 90 days back, not 91', () => {
      given([recorded(bribery('b1', 90))])
        .when(recorded(infiltration('i1', 2)))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['b1', 'i1']]));
      given([recorded(bribery('b1', 91))])
        .when(recorded(infiltration('i1', 2)))
        .thenNothingHappened();
    });

    it('does not count a retracted signal, nor two of one category', () => {
      given([recorded(bribery('b1', 10)), retracted('b1')])
        .when(recorded(infiltration('i1', 2)))
        .thenNothingHappened();
      given([recorded(bribery('b1', 10))])
        .when(recorded(bribery('b2', 2)))
        .thenNothingHappened();
    });

    it('raises when an amendment moves a threat into infiltration', () => {
      given([recorded(bribery('b1', 10)), recorded(threat('t1', 3))])
        .when(amended('t1', { category: 'INFILTRATION', subcategory: 'PERMIT_OR_TENDER' }))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['b1', 't1']]));
    });

    it('not when the amendment moved the bribery out of the window first', () => {
      given([
        recorded(bribery('b1', 10)),
        amended('b1', { occurredAt: addDays(CLOCK, -120).toISOString() }),
      ])
        .when(recorded(infiltration('i1', 2)))
        .thenNothingHappened();
    });
  });

  describe('cross-municipality-subject (one subject in ≥ 2 municipalities within 180 days)', () => {
    const given = specFor({
      id: 'cross-municipality-subject',
      params: { minMunicipalities: 2, windowDays: 180 },
    });
    const FP = 'a'.repeat(64);
    const naming = (builder: SignalBuilder) =>
      builder.withSubjects([{ kind: 'PERSON', identifier: 'X' }], [FP]);

    it('escalates to the RIEC of each region, naming the other municipalities by code and count', () => {
      given([recorded(naming(threat('a1', 100)))])
        .when(recorded(naming(aBribery().withId('r1').asOf(CLOCK).daysAgo(1).in('GM0599')), 'e2'))
        .thenMatches((decisions) => {
          expect(decisions.map((d) => d.type)).toEqual(['RaiseEscalation', 'RaiseEscalation']);
          const [amsterdam, rotterdam] = raises(decisions);
          expect(amsterdam.data).toMatchObject({
            escalationId: escalationIdFor('cross-municipality-subject', `amsterdam|${FP}`, 'e2'),
            municipality: 'GM0363',
            riecRegion: 'amsterdam',
            subjectFingerprint: FP,
            contributingSignalIds: ['a1'],
            explanation:
              'Dezelfde betrokkene (kenmerk aaaaaaaa) komt binnen 180 dagen voor in meldingen uit 2 gemeenten: Amsterdam (1 melding) en GM0599 (1 melding).',
          });
          expect(rotterdam.data).toMatchObject({
            municipality: 'GM0599',
            riecRegion: 'rotterdam',
            contributingSignalIds: ['r1'],
            explanation:
              'Dezelfde betrokkene (kenmerk aaaaaaaa) komt binnen 180 dagen voor in meldingen uit 2 gemeenten: Rotterdam (1 melding) en GM0363 (1 melding).',
          });
        });
    });

    it('counts a signal 180 days back, not 181', () => {
      given([recorded(naming(threat('a1', 180)))])
        .when(recorded(naming(threat('r1', 1).in('GM0599'))))
        .thenMatches((decisions) => expect(raises(decisions)).toHaveLength(2));
      given([recorded(naming(threat('a1', 181)))])
        .when(recorded(naming(threat('r1', 1).in('GM0599'))))
        .thenNothingHappened();
    });

    it('raises once for two municipalities of one region', () => {
      given([recorded(naming(threat('a1', 10)))])
        .when(recorded(naming(threat('a2', 1).in('GM0362'))))
        .thenMatches((decisions) => {
          expect(raises(decisions).map((d) => [d.data.riecRegion, d.data.municipality])).toEqual([
            ['amsterdam', 'GM0362'],
          ]);
          expect(idsOf(decisions)).toEqual([['a1', 'a2']]);
        });
    });

    it('does not count a retracted signal, nor the same municipality twice', () => {
      given([recorded(naming(threat('a1', 10))), retracted('a1')])
        .when(recorded(naming(threat('r1', 1).in('GM0599'))))
        .thenNothingHappened();
      given([recorded(naming(threat('a1', 10)))])
        .when(recorded(naming(threat('a2', 1))))
        .thenNothingHappened();
    });

    it('raises when an amendment names the subject in a second municipality', () => {
      given([recorded(naming(threat('a1', 10))), recorded(threat('r1', 1).in('GM0599'))])
        .when(amended('r1', { subjectFingerprints: [FP] }))
        .thenMatches((decisions) => expect(raises(decisions)).toHaveLength(2));
    });

    it('adds a later signal of the region to its open escalation only', () => {
      given([recorded(naming(threat('a1', 10))), recorded(naming(threat('r1', 5).in('GM0599')))])
        .when(recorded(naming(threat('a2', 1).in('GM0362'))))
        .thenMatches((decisions) => {
          expect(decisions.map((d) => d.type)).toEqual(['UpdateEscalation']);
          expect(idsOf(decisions)).toEqual([['a2']]);
        });
    });
  });

  describe('critical-signal (a signal of severity 5)', () => {
    const given = specFor({ id: 'critical-signal', params: { minSeverity: 5 } });

    it('raises for a signal recorded at 5, one per signal, not at 4', () => {
      given([])
        .when([recorded(threat('c1', 1).severity(5)), recorded(threat('c2', 1).severity(5))])
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['c1'], ['c2']]));
      given([])
        .when(recorded(threat('c1', 1).severity(4)))
        .thenNothingHappened();
    });

    it('raises when amended up to 5, once, and not for a retracted signal', () => {
      given([recorded(threat('c1', 1).severity(4))])
        .when([amended('c1', { severity: 5 }), amended('c1', { subcategory: 'PHYSICAL' })])
        .thenMatches((decisions) => {
          expect(idsOf(decisions)).toEqual([['c1']]);
          expect(raises(decisions)[0].data.explanation).toBe(
            'Melding in Amsterdam bijgesteld naar ernst 5: bedreiging, verbaal, op 31 mei 2025.',
          );
        });
      given([recorded(threat('c1', 1).severity(4)), retracted('c1')])
        .when(amended('c1', { severity: 5 }))
        .thenNothingHappened();
    });

    it('says nothing of a TLP:RED signal beyond its category', () => {
      given([])
        .when(recorded(threat('c1', 1).severity(5).classified('TLP:RED')))
        .thenMatches((decisions) =>
          expect(raises(decisions)[0].data.explanation).toBe(
            'Melding met ernst 5 in Amsterdam (bedreiging); de details vallen onder TLP:RED.',
          ),
        );
    });
  });

  describe('election-infiltration (infiltration aimed at a candidate within 180 days before an election)', () => {
    const given = specFor({ id: 'election-infiltration', params: { daysBefore: 180 } });
    const candidate = (id: string, occurred: Date) =>
      anInfiltration('CANDIDATE_CRIMINAL_TIES')
        .withId(id)
        .targeting('KANDIDAAT')
        .occurredAt(occurred);

    it('raises for a signal exactly 180 days before the election, not 181', () => {
      given([])
        .when(recorded(candidate('i1', CLOCK), 'e1'))
        .thenMatches((decisions) =>
          expect(raises(decisions)[0].data).toMatchObject({
            ruleId: 'election-infiltration',
            contributingSignalIds: ['i1'],
            explanation:
              'Melding van infiltratie gericht op een kandidaat in Amsterdam, 180 dagen voor de gemeenteraadsverkiezingen van 28 november 2025.',
          }),
        );
      given([])
        .when(recorded(candidate('i1', addDays(CLOCK, -1))))
        .thenNothingHappened();
    });

    it('raises for a signal on election day, not after it, and not for another target', () => {
      const electionDay = new Date('2025-11-28T09:00:00Z');
      const later = { ...context };
      const atElection = (event: RuleEngineEvent) => ({
        ...event,
        recordedAt: addDays(electionDay, 1),
      });
      given([])
        .when(atElection(recorded(candidate('i1', electionDay))))
        .thenMatches((decisions) => expect(raises(decisions)).toHaveLength(1));
      given([])
        .when(atElection(recorded(candidate('i1', addDays(electionDay, 1)))))
        .thenNothingHappened();
      given([])
        .when(recorded(candidate('i1', CLOCK).targeting('WETHOUDER')))
        .thenNothingHappened();
      expect(later).toEqual(context);
    });

    it('raises when an amendment makes the target a candidate; a retracted one is gone', () => {
      given([recorded(candidate('i1', CLOCK).targeting('RAADSLID'))])
        .when(amended('i1', { targetRole: 'KANDIDAAT' }))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['i1']]));
      given([recorded(candidate('i1', CLOCK).targeting('RAADSLID')), retracted('i1')])
        .when(amended('i1', { targetRole: 'KANDIDAAT' }))
        .thenNothingHappened();
    });

    it('adds further signals of the municipality to the open escalation', () => {
      given([recorded(candidate('i1', CLOCK))])
        .when(recorded(candidate('i2', CLOCK)))
        .thenMatches((decisions) => {
          expect(decisions.map((d) => d.type)).toEqual(['UpdateEscalation']);
          expect(idsOf(decisions)).toEqual([['i2']]);
        });
    });
  });

  describe('rising-risk (the level rises to HIGH or CRITICAL, on the score of the risk picture)', () => {
    const given = specFor({ id: 'rising-risk', params: { minLevel: 'HIGH' } });
    // A threat of severity 5 that occurred at the clock weighs exactly 5: three make 15 = HIGH.
    const now = (id: string) => threat(id, 0).severity(5).occurredAt(CLOCK);

    it('raises when the score reaches the HIGH threshold exactly, not on ELEVATED', () => {
      given([recorded(now('s1')), recorded(now('s2'))])
        .when(recorded(now('s3'), 'e3'))
        .thenMatches((decisions) =>
          expect(
            raises(decisions).map((d) => [d.data.contributingSignalIds, d.data.explanation]),
          ).toEqual([
            [
              ['s3'],
              'Het risiconiveau van Amsterdam is gestegen van verhoogd naar hoog (score 15,0; hoog vanaf 15,0).',
            ],
          ]),
        );
      given([recorded(now('s1'))])
        .when(recorded(now('s2')))
        .thenNothingHappened();
    });

    it('does not raise when the signals are a day old (the score decayed below 15)', () => {
      const dayOld = (id: string) => threat(id, 1).severity(5);
      given([recorded(dayOld('s1')), recorded(dayOld('s2'))])
        .when(recorded(dayOld('s3')))
        .thenNothingHappened();
    });

    it('does not count a retracted signal, and raises when an amendment lifts the score', () => {
      given([recorded(now('s1')), recorded(now('s2')), retracted('s2')])
        .when(recorded(now('s3')))
        .thenNothingHappened();
      given([recorded(now('s1')), recorded(now('s2')), recorded(now('s3').severity(4))])
        .when(amended('s3', { severity: 5 }))
        .thenMatches((decisions) => expect(idsOf(decisions)).toEqual([['s3']]));
    });

    it('updates its open escalation when the level rises further, to CRITICAL', () => {
      const six = ['s1', 's2', 's3', 's4', 's5'].map((id) => recorded(now(id)));
      given(six)
        .when(recorded(now('s6')))
        .thenMatches((decisions) => {
          expect(decisions.map((d) => d.type)).toEqual(['UpdateEscalation']);
          expect(decisions[0].data.explanation).toContain('van hoog naar kritiek (score 30,0');
        });
    });

    it('does not raise again while the level falls and comes back (the escalation is open)', () => {
      given([recorded(now('s1')), recorded(now('s2')), recorded(now('s3')), retracted('s3')])
        .when(recorded(now('s4')))
        .thenMatches((decisions) => expect(raises(decisions)).toHaveLength(0));
    });
  });

  describe('rule sets', () => {
    const clusterOf = (minSignals: number): RuleSet => ({
      version: 2,
      rules: [{ id: 'threat-cluster', params: { minSignals, windowDays: 30 } }],
    });
    const published = (ruleSet: RuleSet): RuleEngineEvent =>
      logged({
        type: 'RuleSetPublished',
        data: {
          version: ruleSet.version,
          rules: [...ruleSet.rules],
          draftedBy: 'analyst-1',
          publishedBy: 'analyst-2',
          publishedAt: CLOCK.toISOString(),
        },
      });

    it('judges with the rule set published in the log from that event on, naming its version', () => {
      ReactorSpecification.for({
        initialState: () => new RuleWorkingState(),
        react: (state: RuleWorkingState, event: RuleEngineEvent) => ({
          state,
          outputs: applyEvent(state, event, context),
        }),
      })([published(clusterOf(2)), recorded(threat('t1', 3))])
        .when(recorded(threat('t2', 1)))
        .thenMatches((decisions) =>
          expect(raises(decisions).map((d) => [d.data.ruleId, d.data.ruleVersion])).toEqual([
            ['threat-cluster', 2],
          ]),
        );
    });

    it('starts with the built-in rule set of SPEC §5, all six rules', () => {
      expect(new RuleWorkingState().ruleSet).toBe(RULE_SET_V1);
      expect(RULE_SET_V1.rules.map((r) => r.id)).toEqual([
        'threat-cluster',
        'bribery-and-infiltration',
        'cross-municipality-subject',
        'critical-signal',
        'election-infiltration',
        'rising-risk',
      ]);
    });

    it('keeps a fixed rule set (a back-test of a draft) whatever is published', () => {
      const state = new RuleWorkingState();
      const options = { fixedRuleSet: clusterOf(2) };
      const decisions = [
        published(clusterOf(5)),
        recorded(threat('t1', 3)),
        recorded(threat('t2', 1)),
      ].flatMap((event) => applyEvent(state, event, context, options));
      expect(raises(decisions).map((d) => d.data.ruleVersion)).toEqual([2]);
    });
  });
});
