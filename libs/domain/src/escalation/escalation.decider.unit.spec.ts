// The Escalation aggregate: raised once per id, updated while open, acknowledged once.
import { DeciderSpecification } from '../../../testing/src/specification/decider-specification';
import { ConflictError, NotFoundError } from '../errors';
import type {
  AcknowledgeEscalation,
  RaiseEscalation,
  UpdateEscalation,
} from './escalation.commands';
import { escalationDecider } from './escalation.decider';
import type { EscalationAcknowledged, EscalationRaised } from './escalation.events';

const given = DeciderSpecification.for(escalationDecider);
const ruleClock = new Date('2025-06-01T10:00:00.000Z');
const engine = { now: ruleClock, actor: 'system:rule-engine' };

const raisedData: EscalationRaised['data'] = {
  escalationId: 'esc-1',
  ruleId: 'threat-cluster',
  ruleVersion: 1,
  municipality: 'GM0363',
  riecRegion: 'amsterdam',
  contributingSignalIds: ['s1', 's2', 's3'],
  explanation: '3 meldingen van bedreiging in Amsterdam binnen 30 dagen',
  severity: 'HIGH',
  raisedAt: ruleClock.toISOString(),
  triggeredByEventId: 'event-3',
};
const raise: RaiseEscalation = { type: 'RaiseEscalation', data: raisedData, metadata: engine };
const raised: EscalationRaised = { type: 'EscalationRaised', data: raisedData };

const update = (addedSignalIds: string[]): UpdateEscalation => ({
  type: 'UpdateEscalation',
  data: {
    escalationId: 'esc-1',
    addedSignalIds,
    explanation: '4 meldingen van bedreiging in Amsterdam binnen 30 dagen',
    updatedAt: '2025-06-02T10:00:00.000Z',
    triggeredByEventId: 'event-4',
  },
  metadata: engine,
});

const acknowledge: AcknowledgeEscalation = {
  type: 'AcknowledgeEscalation',
  data: { escalationId: 'esc-1' },
  metadata: { now: new Date('2025-06-03T09:00:00.000Z'), actor: 'analyst-7' },
};
const acknowledged: EscalationAcknowledged = {
  type: 'EscalationAcknowledged',
  data: {
    escalationId: 'esc-1',
    acknowledgedBy: 'analyst-7',
    acknowledgedAt: '2025-06-03T09:00:00.000Z',
  },
};

describe('Escalation decider', () => {
  describe('RaiseEscalation', () => {
    it('raises a new escalation', () => {
      given([]).when(raise).then([raised]);
    });

    it('is idempotent for the same rule, municipality and trigger, even with other wording', () => {
      given([raised]).when(raise).thenNothingHappened();
      given([raised])
        .when({ ...raise, data: { ...raisedData, explanation: 'Andere formulering' } })
        .thenNothingHappened();
    });

    it('refuses the id of an escalation of another rule, municipality or trigger', () => {
      given([raised])
        .when({ ...raise, data: { ...raisedData, municipality: 'GM0599' } })
        .thenThrows(
          ConflictError,
          (error) => error.reason === 'ESCALATION_EXISTS_WITH_OTHER_CONTENT',
        );
    });
  });

  describe('UpdateEscalation', () => {
    it('adds the signals that do not contribute yet', () => {
      given([raised])
        .when(update(['s3', 's4']))
        .then([
          {
            type: 'EscalationUpdated',
            data: {
              escalationId: 'esc-1',
              addedSignalIds: ['s4'],
              contributingSignalIds: ['s1', 's2', 's3', 's4'],
              explanation: '4 meldingen van bedreiging in Amsterdam binnen 30 dagen',
              updatedAt: '2025-06-02T10:00:00.000Z',
              triggeredByEventId: 'event-4',
            },
          },
        ]);
    });

    it('does nothing when every signal contributes already', () => {
      given([raised])
        .when(update(['s1']))
        .thenNothingHappened();
    });

    it('still collects signals once acknowledged: the case is open until it is closed', () => {
      given([raised, acknowledged])
        .when(update(['s4']))
        .thenState((state) =>
          expect(state).toMatchObject({
            status: 'ACKNOWLEDGED',
            contributingSignalIds: ['s1', 's2', 's3', 's4'],
          }),
        );
    });

    it('cannot update an escalation that does not exist', () => {
      given([])
        .when(update(['s4']))
        .thenThrows(NotFoundError, (error) => error.resource === 'escalation');
    });
  });

  describe('AcknowledgeEscalation', () => {
    it('is acknowledged by the analyst, at the time of the command', () => {
      given([raised]).when(acknowledge).then([acknowledged]);
    });

    it('acknowledging twice yields nothing', () => {
      given([raised, acknowledged]).when(acknowledge).thenNothingHappened();
    });

    it('cannot acknowledge an escalation that does not exist', () => {
      given([]).when(acknowledge).thenThrows(NotFoundError);
    });
  });
});
