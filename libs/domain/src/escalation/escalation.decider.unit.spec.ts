// The Escalation aggregate: raised once per id, updated while open, acknowledged once.
import { DeciderSpecification } from '../../../testing/src/specification/decider-specification';
import { ConflictError, NotFoundError } from '../errors';
import type {
  AcknowledgeEscalation,
  RaiseEscalation,
  UpdateEscalation,
} from './escalation.commands';
import { escalationDecider } from './escalation.decider';
import type {
  EscalationAcknowledged,
  EscalationClosed,
  EscalationRaised,
} from './escalation.events';

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
              explanation: '4 meldingen van bedreiging in Amsterdam binnen 30 dagen',
              updatedAt: '2025-06-02T10:00:00.000Z',
              triggeredByEventId: 'event-4',
            },
          },
        ]);
    });

    it('folds updates of both shapes: the added ids, or (older events) the whole list', () => {
      const added = {
        type: 'EscalationUpdated' as const,
        data: {
          escalationId: 'esc-1',
          addedSignalIds: ['s4'],
          explanation: 'x',
          updatedAt: '2025-06-02T10:00:00.000Z',
          triggeredByEventId: 'event-4',
        },
      };
      given([raised, added, { ...added, data: { ...added.data, addedSignalIds: ['s4', 's5'] } }])
        .when(update(['s1']))
        .thenState((state) =>
          expect(state).toMatchObject({ contributingSignalIds: ['s1', 's2', 's3', 's4', 's5'] }),
        );
      given([raised, { ...added, data: { ...added.data, contributingSignalIds: ['s9'] } }])
        .when(update(['s1']))
        .thenState((state) => expect(state).toMatchObject({ contributingSignalIds: ['s9', 's1'] }));
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

  const analyst = { now: new Date('2025-06-04T09:00:00.000Z'), actor: 'analyst-7' };
  const closed: EscalationClosed = {
    type: 'EscalationClosed',
    data: {
      escalationId: 'esc-1',
      outcome: 'FALSE_POSITIVE',
      note: 'Bekend conflict tussen buren, geen ondermijning',
      closedBy: 'analyst-7',
      closedAt: '2025-06-04T09:00:00.000Z',
    },
  };

  describe('the case: assign, annotate, close', () => {
    it('assigns to an analyst once; the same assignee again changes nothing', () => {
      const assign = {
        type: 'AssignEscalation' as const,
        data: { escalationId: 'esc-1', assignee: 'analyst-9' },
        metadata: analyst,
      };
      given([raised])
        .when(assign)
        .then([
          {
            type: 'EscalationAssigned',
            data: {
              escalationId: 'esc-1',
              assignee: 'analyst-9',
              assignedBy: 'analyst-7',
              assignedAt: '2025-06-04T09:00:00.000Z',
            },
          },
        ]);
      given([
        raised,
        { type: 'EscalationAssigned', data: { ...assign.data, assignedBy: 'x', assignedAt: 'y' } },
      ])
        .when(assign)
        .thenNothingHappened();
    });

    it('keeps notes, also after closing, and a retried note once', () => {
      const note = {
        type: 'AddEscalationNote' as const,
        data: { escalationId: 'esc-1', noteId: 'n1', text: 'Contact gehad met de politie' },
        metadata: analyst,
      };
      given([raised, closed])
        .when(note)
        .then([
          {
            type: 'EscalationNoted',
            data: {
              escalationId: 'esc-1',
              noteId: 'n1',
              text: 'Contact gehad met de politie',
              notedBy: 'analyst-7',
              notedAt: '2025-06-04T09:00:00.000Z',
            },
          },
        ]);
      given([
        raised,
        { type: 'EscalationNoted', data: { ...note.data, notedBy: 'analyst-7', notedAt: 'x' } },
      ])
        .when(note)
        .thenNothingHappened();
    });

    it('closes with a disposition; a closed case refuses acknowledge, assign and close', () => {
      const close = {
        type: 'CloseEscalation' as const,
        data: {
          escalationId: 'esc-1',
          outcome: 'FALSE_POSITIVE' as const,
          note: 'Bekend conflict tussen buren, geen ondermijning',
        },
        metadata: analyst,
      };
      given([raised, acknowledged]).when(close).then([closed]);
      for (const command of [
        close,
        acknowledge,
        {
          type: 'AssignEscalation' as const,
          data: { escalationId: 'esc-1', assignee: 'a' },
          metadata: analyst,
        },
      ]) {
        given([raised, closed])
          .when(command)
          .thenThrows(ConflictError, (error) => error.reason === 'ESCALATION_CLOSED');
      }
    });

    it('takes no more signals once closed: the next pattern raises anew', () => {
      given([raised, closed])
        .when(update(['s4']))
        .thenNothingHappened();
    });
  });

  describe('RecordDelivery', () => {
    const delivery = {
      escalationId: 'esc-1',
      deliveryId: 'd1',
      channel: 'WEBHOOK' as const,
      recipient: 'https://riec.example/hook',
      revision: 0,
      attempts: 3,
    };
    const at = { now: new Date('2025-06-01T10:00:30.000Z'), actor: 'system:notifier' };

    it('records a delivery and a failure once each', () => {
      given([raised])
        .when({ type: 'RecordDelivery', data: { ...delivery, outcome: 'DELIVERED' }, metadata: at })
        .then([
          {
            type: 'EscalationNotified',
            data: { ...delivery, deliveredAt: '2025-06-01T10:00:30.000Z' },
          },
        ]);
      given([raised])
        .when({
          type: 'RecordDelivery',
          data: { ...delivery, outcome: 'FAILED', reason: 'HTTP 500' },
          metadata: at,
        })
        .then([
          {
            type: 'EscalationDeliveryFailed',
            data: { ...delivery, failedAt: '2025-06-01T10:00:30.000Z', reason: 'HTTP 500' },
          },
        ]);
      given([raised, { type: 'EscalationNotified', data: { ...delivery, deliveredAt: 'x' } }])
        .when({ type: 'RecordDelivery', data: { ...delivery, outcome: 'DELIVERED' }, metadata: at })
        .thenNothingHappened();
    });
  });
});
