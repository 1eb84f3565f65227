// The rule engine over the global log: given these events, when this event, then these decisions.
// Both rules of rule set 1, what counts as live, and idempotency under redelivery and replay.
import {
  addDays,
  type EscalationEvent,
  escalationDecider,
  type EscalationState,
  type RaiseEscalation,
  type SignalEvent,
  type UpdateEscalation,
} from '@weerbaar/domain';
import { ReactorSpecification } from '../../testing/src/specification/decider-specification';
import {
  aBribery,
  aThreat,
  type SignalBuilder,
} from '../../testing/src/specification/signal-fixtures';
import { escalationIdFor } from './escalation-id';
import { applyEvent, backtestRuleSet, initialRuleEngineState, runRuleEngine } from './rule-engine';
import type {
  EscalationDecision,
  MunicipalityDirectory,
  RuleEngineContext,
  RuleEngineEvent,
} from './rule-engine.types';
import { RULE_SET_V1 } from './rule-set';

const NAMES: Record<string, string> = { GM0363: 'Amsterdam', GM0599: 'Rotterdam' };
const REGIONS: Record<string, string> = { GM0363: 'amsterdam', GM0599: 'rotterdam' };
const places: MunicipalityDirectory = {
  municipalityName: (code) => NAMES[code],
  riecRegionOf: (code) => REGIONS[code],
};
const context: RuleEngineContext = { ruleSet: RULE_SET_V1, places };

const spec = ReactorSpecification.for({
  initialState: initialRuleEngineState,
  react: (state, event: RuleEngineEvent) => {
    const outcome = applyEvent(state, event, context);
    return { state: outcome.state, outputs: outcome.decisions };
  },
});

/** The rule's clock in these tests: Sunday 1 June 2025, 12:00 in Amsterdam. */
const CLOCK = new Date('2025-06-01T10:00:00.000Z');
const minutes = (n: number): Date => new Date(CLOCK.getTime() + n * 60_000);

/** An event as it stands in the log: with its id and the time it was recorded. */
const logged = (
  event: SignalEvent | EscalationEvent,
  eventId: string,
  recordedAt = CLOCK,
): RuleEngineEvent => ({ ...event, eventId, recordedAt });

const threat = (id: string, daysAgo: number): SignalBuilder =>
  aThreat().withId(id).asOf(CLOCK).daysAgo(daysAgo);
const recordedEvent = (
  builder: SignalBuilder,
  eventId: string,
  recordedAt = CLOCK,
): RuleEngineEvent => logged(builder.recorded(), eventId, recordedAt);
const amended = (
  signalId: string,
  changes: object,
  eventId: string,
  recordedAt = CLOCK,
): RuleEngineEvent =>
  logged(
    {
      type: 'SignalAmended',
      data: { signalId, changes, personalChanges: {}, reason: 'Correctie' },
    },
    eventId,
    recordedAt,
  );
const retracted = (signalId: string, eventId: string, recordedAt = CLOCK): RuleEngineEvent =>
  logged(
    { type: 'SignalRetracted', data: { signalId, reason: 'Ingetrokken' } },
    eventId,
    recordedAt,
  );

const t1 = recordedEvent(threat('t1', 20), 'e1');
const t2 = recordedEvent(threat('t2', 10), 'e2');
const t3 = recordedEvent(threat('t3', 1), 'e3');
const t4 = recordedEvent(threat('t4', 0), 'e4', minutes(60));
const clusterId = escalationIdFor('threat-cluster', 'GM0363', 'e3');

const clusterRaise: RaiseEscalation = {
  type: 'RaiseEscalation',
  data: {
    escalationId: clusterId,
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
};
const clusterUpdateWithT4: UpdateEscalation = {
  type: 'UpdateEscalation',
  data: {
    escalationId: clusterId,
    addedSignalIds: ['t4'],
    explanation:
      'Nieuwe melding van bedreiging in Amsterdam: nu 4 meldingen van bedreiging binnen 30 dagen (2 mei 2025 t/m 1 juni 2025), 4 meldingen in totaal bij deze escalatie.',
    updatedAt: minutes(60).toISOString(),
    triggeredByEventId: 'e4',
  },
  metadata: { now: minutes(60), actor: 'system:rule-engine' },
};
/** The escalation events that the escalation aggregate appends for those decisions. */
const clusterRaisedInLog = logged({ type: 'EscalationRaised', data: clusterRaise.data }, 'x1');
const clusterUpdatedInLog = logged(
  {
    type: 'EscalationUpdated',
    data: { ...clusterUpdateWithT4.data, contributingSignalIds: ['t1', 't2', 't3', 't4'] },
  },
  'x2',
  minutes(61),
);

describe('rule engine', () => {
  describe('threat-cluster', () => {
    it('does not fire on two threats', () => {
      spec.given([t1]).when(t2).thenNothingHappened();
    });

    it('fires on the third live threat in a municipality within 30 days', () => {
      spec.given([t1, t2]).when(t3).then(clusterRaise);
    });

    it('counts only threats that occurred within the 30 days up to the clock', () => {
      const old = recordedEvent(threat('old', 30.01), 'e1');
      const edge = recordedEvent(threat('edge', 30), 'e1b');
      spec.given([old, t2]).when(t3).thenNothingHappened();
      spec
        .given([edge, t2])
        .when(t3)
        .thenMatches((decisions) =>
          expect(decisions[0]?.data).toMatchObject({ contributingSignalIds: ['edge', 't2', 't3'] }),
        );
    });

    it('moves the window with the clock of the event, not the wall clock', () => {
      const late = recordedEvent(threat('t3', 1), 'e3', addDays(CLOCK, 15)); // t1 is then 35 days old
      spec.given([t1, t2]).when(late).thenNothingHappened();
    });

    it('does not count retracted threats, other categories or other municipalities', () => {
      spec
        .given([t1, t2, retracted('t2', 'r2')])
        .when(t3)
        .thenNothingHappened();
      spec
        .given([t1, recordedEvent(aBribery().withId('b1').asOf(CLOCK).daysAgo(2), 'e2')])
        .when(t3)
        .thenNothingHappened();
      spec
        .given([t1, recordedEvent(threat('t2', 10).in('GM0599'), 'e2')])
        .when(t3)
        .thenNothingHappened();
    });

    it('counts a signal amended into a threat, or into the window', () => {
      const bribery = recordedEvent(aBribery().withId('b1').asOf(CLOCK).daysAgo(2), 'e2');
      spec
        .given([t1, bribery, t3])
        .when(amended('b1', { category: 'THREAT', subcategory: 'ONLINE' }, 'a1', minutes(5)))
        .thenMatches((decisions) =>
          expect(decisions).toMatchObject([
            { type: 'RaiseEscalation', data: { contributingSignalIds: ['t1', 'b1', 't3'] } },
          ]),
        );
      const old = recordedEvent(threat('old', 60), 'e1');
      spec
        .given([old, t2, t3])
        .when(amended('old', { occurredAt: addDays(CLOCK, -5).toISOString() }, 'a1', minutes(5)))
        .thenMatches((decisions) => expect(decisions).toMatchObject([{ type: 'RaiseEscalation' }]));
    });

    it('adds a new threat to the open escalation instead of raising a second one', () => {
      spec.given([t1, t2, t3]).when(t4).then(clusterUpdateWithT4);
    });

    it('keeps adding while the escalation is acknowledged: it is still open', () => {
      const acknowledged = logged(
        {
          type: 'EscalationAcknowledged',
          data: {
            escalationId: clusterId,
            acknowledgedBy: 'analyst-7',
            acknowledgedAt: minutes(30).toISOString(),
          },
        },
        'ack',
        minutes(30),
      );
      spec.given([t1, t2, t3, clusterRaisedInLog, acknowledged]).when(t4).then(clusterUpdateWithT4);
    });

    it('does not count its own escalation twice when the raise comes back through the log', () => {
      spec.given([t1, t2, t3, clusterRaisedInLog]).when(t4).then(clusterUpdateWithT4);
    });

    it('does not count twice when its raise comes back only after later signals', () => {
      const t5 = recordedEvent(threat('t5', 0), 'e5', minutes(90));
      spec
        .given([t1, t2, t3, t4, clusterRaisedInLog, clusterUpdatedInLog])
        .when(t5)
        .thenMatches((decisions) =>
          expect(decisions).toMatchObject([
            { type: 'UpdateEscalation', data: { escalationId: clusterId, addedSignalIds: ['t5'] } },
          ]),
        );
    });

    it('adopts an open escalation it did not decide itself (another run, another rule-set version)', () => {
      const elsewhere = logged(
        {
          type: 'EscalationRaised',
          data: {
            ...clusterRaise.data,
            escalationId: 'other-escalation',
            ruleVersion: 0,
            contributingSignalIds: ['t1', 't2'],
            triggeredByEventId: 'e2',
          },
        },
        'x0',
      );
      spec
        .given([t1, t2, elsewhere])
        .when(t3)
        .thenMatches((decisions) =>
          expect(decisions).toMatchObject([
            {
              type: 'UpdateEscalation',
              data: { escalationId: 'other-escalation', addedSignalIds: ['t3'] },
            },
          ]),
        );
    });
  });

  describe('critical-signal', () => {
    const critical = aThreat('PHYSICAL').withId('c1').asOf(CLOCK).daysAgo(2).severity(5);

    it('raises one escalation for a signal recorded with severity 5', () => {
      spec
        .given([])
        .when(recordedEvent(critical, 'c-e1'))
        .then({
          type: 'RaiseEscalation',
          data: {
            escalationId: escalationIdFor('critical-signal', 'GM0363', 'c-e1'),
            ruleId: 'critical-signal',
            ruleVersion: 1,
            municipality: 'GM0363',
            riecRegion: 'amsterdam',
            contributingSignalIds: ['c1'],
            explanation: 'Melding met ernst 5 in Amsterdam: bedreiging, fysiek, op 30 mei 2025.',
            severity: 'CRITICAL',
            raisedAt: CLOCK.toISOString(),
            triggeredByEventId: 'c-e1',
          },
          metadata: { now: CLOCK, actor: 'system:rule-engine' },
        });
    });

    it('does not fire below severity 5', () => {
      spec
        .given([])
        .when(recordedEvent(aBribery().withId('b1').severity(4), 'e1'))
        .thenNothingHappened();
    });

    it('fires when an amendment raises the severity to 5, once', () => {
      const signal = recordedEvent(
        aBribery().withId('b1').asOf(CLOCK).daysAgo(3).severity(4).in('GM0599'),
        'e1',
      );
      spec
        .given([signal])
        .when([
          amended('b1', { severity: 5 }, 'a1', minutes(1)),
          amended('b1', { severity: 4 }, 'a2', minutes(2)),
          amended('b1', { severity: 5 }, 'a3', minutes(3)),
          amended('b1', { targetRole: 'BURGEMEESTER' }, 'a4', minutes(4)),
        ])
        .then({
          type: 'RaiseEscalation',
          data: {
            escalationId: escalationIdFor('critical-signal', 'GM0599', 'a1'),
            ruleId: 'critical-signal',
            ruleVersion: 1,
            municipality: 'GM0599',
            riecRegion: 'rotterdam',
            contributingSignalIds: ['b1'],
            explanation:
              'Melding in Rotterdam bijgesteld naar ernst 5: omkoping, aanbod van geld, op 29 mei 2025.',
            severity: 'CRITICAL',
            raisedAt: minutes(1).toISOString(),
            triggeredByEventId: 'a1',
          },
          metadata: { now: minutes(1), actor: 'system:rule-engine' },
        });
    });

    it('says nothing of a TLP:RED signal beyond its category', () => {
      spec
        .given([])
        .when(recordedEvent(critical.classified('TLP:RED'), 'c-e1'))
        .thenMatches((decisions) =>
          expect(decisions[0]?.data.explanation).toBe(
            'Melding met ernst 5 in Amsterdam (bedreiging); de details vallen onder TLP:RED.',
          ),
        );
    });

    it('fires beside threat-cluster when one event meets both rules, in rule-set order', () => {
      const t3critical = recordedEvent(threat('t3', 1).severity(5), 'e3');
      spec
        .given([t1, t2])
        .when(t3critical)
        .thenMatches((decisions) =>
          expect(decisions.map((d) => [d.type, d.data.escalationId])).toEqual([
            ['RaiseEscalation', clusterId],
            ['RaiseEscalation', escalationIdFor('critical-signal', 'GM0363', 'e3')],
          ]),
        );
    });
  });

  describe('idempotency', () => {
    it('an event fed twice changes nothing and yields nothing', () => {
      const first = runRuleEngine([t1, t2, t3], context);
      const again = applyEvent(first.state, t3, context);
      expect(again.decisions).toEqual([]);
      expect(again.state).toBe(first.state);
    });

    it('leaves the state it was given as it was', () => {
      const before = runRuleEngine([t1, t2], context).state;
      const signalsBefore = before.signals.toSortedObject();
      applyEvent(before, t3, context);
      expect(before.signals.toSortedObject()).toEqual(signalsBefore);
      expect(before.escalations.size).toBe(0);
    });

    it('decides the same on a replay of the log as in the live run, and the replay changes no escalation', () => {
      const { log, decisions, escalations } = liveRun(scenario(), { delay: 2, feedTwice: false });
      expect(decisions.length).toBeGreaterThan(3);

      const replay = runRuleEngine(log, context);
      expect(replay.decisions).toEqual(decisions);
      // Handed to the escalation aggregates again, the replayed decisions add nothing.
      for (const decision of replay.decisions) {
        const state =
          escalations.get(decision.data.escalationId) ?? escalationDecider.initialState();
        expect(escalationDecider.decide(decision, state)).toEqual([]);
      }
    });

    it('decides the same when every event is delivered twice', () => {
      const once = liveRun(scenario(), { delay: 1, feedTwice: false });
      const twice = liveRun(scenario(), { delay: 1, feedTwice: true });
      expect(twice.decisions).toEqual(once.decisions);
    });

    it('decides the same whether its escalation events come back at once or much later', () => {
      const soon = liveRun(scenario(), { delay: 0, feedTwice: false });
      const late = liveRun(scenario(), { delay: 6, feedTwice: false });
      expect(late.decisions).toEqual(soon.decisions);
    });

    it('puts no personal data in explanations', () => {
      const { decisions } = liveRun(scenario(), { delay: 1, feedTwice: false });
      for (const decision of decisions) {
        expect(decision.data.explanation).not.toMatch(/Jan|XX-11|Dreigende taal/);
      }
    });
  });

  it('back-tests a rule set on the signals alone', () => {
    const { log, decisions } = liveRun(scenario(), { delay: 1, feedTwice: false });
    expect(backtestRuleSet(log, context)).toEqual(decisions);

    const draft: RuleEngineContext = {
      ...context,
      ruleSet: {
        version: 2,
        rules: [{ id: 'threat-cluster', params: { minSignals: 2, windowDays: 30 } }],
      },
    };
    const raises = backtestRuleSet(log, draft).filter((d) => d.type === 'RaiseEscalation');
    expect(
      raises.map((d) => [
        d.data.triggeredByEventId,
        d.type === 'RaiseEscalation' && d.data.ruleVersion,
      ]),
    ).toEqual([
      ['s2', 2],
      ['s4', 2],
    ]);
  });

  it('stops on a municipality the reference data does not know', () => {
    expect(() =>
      applyEvent(
        initialRuleEngineState(),
        recordedEvent(threat('x', 1).in('GM9999').severity(5), 'e1'),
        context,
      ),
    ).toThrow(/GM9999/);
  });

  it('uses the clock of the events, not the wall clock', () => {
    const today = runRuleEngine([t1, t2, t3], context).decisions;
    jest.useFakeTimers({ now: new Date('2031-01-01T00:00:00Z') });
    try {
      expect(runRuleEngine([t1, t2, t3], context).decisions).toEqual(today);
    } finally {
      jest.useRealTimers();
    }
    expect(today[0]?.metadata).toEqual({ now: CLOCK, actor: 'system:rule-engine' });
  });
});

/** A month of signals in two municipalities, with amendments and retractions. */
function scenario(): RuleEngineEvent[] {
  const at = (day: number) => addDays(new Date('2025-05-01T08:00:00.000Z'), day);
  const b = (builder: SignalBuilder, day: number, occurredDay: number) =>
    builder.asOf(at(day)).occurredAt(at(occurredDay));
  return [
    recordedEvent(
      b(
        aThreat()
          .withId('a1')
          .withSubjects([{ kind: 'PERSON', identifier: 'Jan Jansen' }]),
        0,
        -1,
      ),
      's1',
      at(0),
    ),
    recordedEvent(b(aThreat().withId('a2'), 1, 1), 's2', at(1)),
    recordedEvent(b(aThreat().withId('r1').in('GM0599'), 2, 2), 's3', at(2)),
    recordedEvent(b(aThreat().withId('r2').in('GM0599'), 3, 2), 's4', at(3)),
    retracted('r2', 's5', at(4)),
    recordedEvent(b(aThreat().withId('a3'), 5, 4), 's6', at(5)),
    recordedEvent(b(aThreat().withId('r3').in('GM0599'), 6, 6), 's7', at(6)),
    recordedEvent(b(aBribery().withId('a4').severity(5), 7, 7), 's8', at(7)),
    recordedEvent(
      b(
        aThreat()
          .withId('a5')
          .withSubjects([{ kind: 'VEHICLE', identifier: 'XX-11-YY' }]),
        8,
        8,
      ),
      's9',
      at(8),
    ),
    amended('r3', { severity: 5 }, 's10', at(9)),
    recordedEvent(b(aThreat().withId('r4').in('GM0599'), 10, 10), 's11', at(10)),
    amended('a5', { occurredAt: at(9).toISOString() }, 's12', at(11)),
    recordedEvent(b(aThreat().withId('a6'), 40, 39), 's13', at(40)),
    recordedEvent(b(aThreat().withId('a7'), 41, 41), 's14', at(41)),
  ];
}

/**
 * The live run: the engine reads the log; the escalation worker turns its decisions into
 * escalation events (through the aggregate), which land in the log `delay` events later.
 */
function liveRun(
  signals: RuleEngineEvent[],
  options: { delay: number; feedTwice: boolean },
): {
  log: RuleEngineEvent[];
  decisions: EscalationDecision[];
  escalations: Map<string, EscalationState>;
} {
  const log: RuleEngineEvent[] = [];
  const decisions: EscalationDecision[] = [];
  const escalations = new Map<string, EscalationState>();
  const pending: { due: number; event: RuleEngineEvent }[] = [];
  let state = initialRuleEngineState();
  let counter = 0;

  const feed = (event: RuleEngineEvent): void => {
    log.push(event);
    for (let i = 0; i < (options.feedTwice ? 2 : 1); i += 1) {
      const outcome = applyEvent(state, event, context);
      state = outcome.state;
      decisions.push(...outcome.decisions);
      for (const decision of outcome.decisions) {
        const id = decision.data.escalationId;
        let aggregate = escalations.get(id) ?? escalationDecider.initialState();
        for (const produced of escalationDecider.decide(decision, aggregate)) {
          aggregate = escalationDecider.evolve(aggregate, produced);
          counter += 1;
          pending.push({
            due: log.length + options.delay,
            event: logged(produced, `x${counter}`, decision.metadata.now),
          });
        }
        escalations.set(id, aggregate);
      }
    }
  };
  const flush = (all: boolean): void => {
    while (pending.length > 0 && (all || pending[0].due <= log.length))
      feed(pending.shift()!.event);
  };
  for (const signal of signals) {
    flush(false);
    feed(signal);
  }
  flush(true);
  return { log, decisions, escalations };
}
