// The Signal aggregate, given its events, when a command: record (idempotent), amend, retract.
import { DeciderSpecification } from '../../../testing/src/specification/decider-specification';
import { aThreat, TEST_NOW } from '../../../testing/src/specification/signal-fixtures';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AmendSignal, RetractSignal } from './signal.commands';
import {
  evolveSignal,
  initialSignalState,
  signalDecider,
  type RecordedSignal,
} from './signal.decider';
import type { SignalAmended, SignalEvent } from './signal.events';

const given = DeciderSpecification.for(signalDecider);
const metadata = { now: TEST_NOW, actor: 'coordinator-1' };

const signal = aThreat().withId('signal-1').severity(3).withPoliceReport('PL-1');
const recorded = signal.recorded();

const amend = (data: Partial<AmendSignal['data']>): AmendSignal => ({
  type: 'AmendSignal',
  data: { signalId: 'signal-1', changes: {}, personalChanges: {}, reason: 'Correctie', ...data },
  metadata,
});
const retract: RetractSignal = {
  type: 'RetractSignal',
  data: { signalId: 'signal-1', reason: 'Dubbel gemeld' },
  metadata,
};
const retracted: SignalEvent = {
  type: 'SignalRetracted',
  data: { signalId: 'signal-1', reason: 'Dubbel gemeld' },
};

describe('Signal decider', () => {
  describe('RecordSignal', () => {
    it('records a new signal', () => {
      given([]).when(signal.recordCommand()).then([recorded]);
    });

    it('is idempotent: the same content again yields nothing', () => {
      given([recorded]).when(signal.recordCommand()).thenNothingHappened();
    });

    it('compares a retry with the content as first recorded, even after an amendment', () => {
      const amended: SignalAmended = {
        type: 'SignalAmended',
        data: { signalId: 'signal-1', changes: { severity: 4 }, personalChanges: {}, reason: 'r' },
      };
      given([recorded, amended]).when(signal.recordCommand()).thenNothingHappened();
    });

    it('treats an absent optional field and an undefined one as the same content', () => {
      const command = signal.recordCommand();
      command.data.personal.subjects = [
        { kind: 'PERSON', identifier: 'x', displayName: undefined },
      ];
      command.data.facts.subjectFingerprints = ['fp-x'];
      const stored = structuredClone(command.data);
      stored.personal.subjects = [{ kind: 'PERSON', identifier: 'x' }];
      given([{ type: 'SignalRecorded', data: stored }])
        .when(command)
        .thenNothingHappened();
    });

    it('refuses the same signal id with other content', () => {
      const other = aThreat().withId('signal-1').severity(5).recordCommand();
      given([recorded])
        .when(other)
        .thenThrows(ConflictError, (error) => error.reason === 'SIGNAL_EXISTS_WITH_OTHER_CONTENT');
    });

    it('refuses subjects without their fingerprints (a bug in the handler)', () => {
      const command = signal.recordCommand();
      command.data.personal.subjects = [{ kind: 'PERSON', identifier: 'x' }];
      given([])
        .when(command)
        .thenThrows(Error, (error) => /fingerprints/.test(error.message));
    });
  });

  describe('AmendSignal', () => {
    it('yields only the fields that actually change', () => {
      given([recorded])
        .when(
          amend({
            changes: { severity: 5, targetRole: signal.data().facts.targetRole },
            personalChanges: { description: 'Nu met wapen.', policeReportReference: 'PL-1' },
          }),
        )
        .then([
          {
            type: 'SignalAmended',
            data: {
              signalId: 'signal-1',
              changes: { severity: 5 },
              personalChanges: { description: 'Nu met wapen.' },
              reason: 'Correctie',
            },
          },
        ]);
    });

    it('refuses an amendment that changes nothing', () => {
      given([recorded])
        .when(amend({ changes: { severity: 3 } }))
        .thenThrows(ValidationError, (error) => error.errors[0]?.field === '');
    });

    it('replaces subjects together with their fingerprints', () => {
      const subjects = [{ kind: 'VEHICLE' as const, identifier: 'XX-11-YY' }];
      given([recorded])
        .when(amend({ changes: { subjectFingerprints: ['fp-1'] }, personalChanges: { subjects } }))
        .then([
          {
            type: 'SignalAmended',
            data: {
              signalId: 'signal-1',
              changes: { subjectFingerprints: ['fp-1'] },
              personalChanges: { subjects },
              reason: 'Correctie',
            },
          },
        ]);
    });

    it('requires a subcategory that fits a changed category', () => {
      given([recorded])
        .when(amend({ changes: { category: 'BRIBERY' } }))
        .thenThrows(ValidationError, (error) => error.errors[0]?.field === 'subcategory');
      given([recorded])
        .when(amend({ changes: { category: 'BRIBERY', subcategory: 'GIFT_OR_FAVOUR' } }))
        .then([
          {
            type: 'SignalAmended',
            data: {
              signalId: 'signal-1',
              changes: { category: 'BRIBERY', subcategory: 'GIFT_OR_FAVOUR' },
              personalChanges: {},
              reason: 'Correctie',
            },
          },
        ]);
    });

    it('keeps a police report reference only with a filed report', () => {
      given([recorded])
        .when(amend({ changes: { policeReportFiled: false } }))
        .thenThrows(ValidationError, (error) => error.errors[0]?.field === 'policeReportReference');
      given([recorded])
        .when(
          amend({
            changes: { policeReportFiled: false },
            personalChanges: { policeReportReference: null },
          }),
        )
        .thenState((state) => {
          expect(state).toMatchObject({ facts: { policeReportFiled: false } });
          expect((state as RecordedSignal).personal).not.toHaveProperty('policeReportReference');
        });
    });

    it('withholds from the burgemeester only with a reason, and lifts it with the reason', () => {
      given([recorded])
        .when(amend({ changes: { withholdFromMayor: true } }))
        .thenThrows(ValidationError, (error) => error.errors[0]?.field === 'withholdReason');
      const withheld: SignalEvent = {
        type: 'SignalAmended',
        data: {
          signalId: 'signal-1',
          changes: { withholdFromMayor: true },
          personalChanges: { withholdReason: 'Burgemeester betrokken' },
          reason: 'Correctie',
        },
      };
      given([recorded])
        .when(
          amend({
            changes: { withholdFromMayor: true },
            personalChanges: { withholdReason: 'Burgemeester betrokken' },
          }),
        )
        .then([withheld]);
      given([recorded, withheld])
        .when(amend({ changes: { withholdFromMayor: false } }))
        .thenThrows(ValidationError, (error) => error.errors[0]?.field === 'withholdReason');
      given([recorded, withheld])
        .when(
          amend({
            changes: { withholdFromMayor: false },
            personalChanges: { withholdReason: null },
          }),
        )
        .thenState((state) => {
          expect((state as RecordedSignal).facts.withholdFromMayor).toBe(false);
          expect((state as RecordedSignal).personal).not.toHaveProperty('withholdReason');
        });
    });

    it('removing a reference that is not there changes nothing', () => {
      const withoutReport = aThreat().withId('signal-1').recorded();
      given([withoutReport])
        .when(amend({ personalChanges: { policeReportReference: null } }))
        .thenThrows(ValidationError);
    });

    it('cannot amend a signal that does not exist', () => {
      given([])
        .when(amend({ changes: { severity: 4 } }))
        .thenThrows(
          NotFoundError,
          (error) => error.resource === 'signal' && error.id === 'signal-1',
        );
    });

    it('cannot amend a retracted signal', () => {
      given([recorded, retracted])
        .when(amend({ changes: { severity: 4 } }))
        .thenThrows(ConflictError, (error) => error.reason === 'SIGNAL_RETRACTED');
    });
  });

  describe('RetractSignal', () => {
    it('retracts a live signal', () => {
      given([recorded]).when(retract).then([retracted]);
    });

    it('cannot retract a signal that does not exist', () => {
      given([]).when(retract).thenThrows(NotFoundError);
    });

    it('cannot retract a signal twice', () => {
      given([recorded, retracted]).when(retract).thenThrows(ConflictError);
    });
  });

  describe('state', () => {
    it('holds what a GET needs, with the times of the store', () => {
      const at = (iso: string) => new Date(iso);
      const state = [
        { ...recorded, recordedAt: at('2025-06-01T10:00:00Z') },
        {
          type: 'SignalAmended' as const,
          data: {
            signalId: 'signal-1',
            changes: { severity: 4 as const },
            personalChanges: { policeReportReference: 'PL-2' },
            reason: 'r',
          },
          recordedAt: at('2025-06-02T10:00:00Z'),
        },
        { ...retracted, recordedAt: at('2025-06-03T10:00:00Z') },
      ].reduce(evolveSignal, initialSignalState());

      expect(state).toMatchObject({
        status: 'RETRACTED',
        signalId: 'signal-1',
        facts: { ...recorded.data.facts, severity: 4 },
        personal: { ...recorded.data.personal, policeReportReference: 'PL-2' },
        amendmentCount: 1,
        recordedAt: '2025-06-01T10:00:00.000Z',
        amendedAt: '2025-06-02T10:00:00.000Z',
        retractedAt: '2025-06-03T10:00:00.000Z',
        retractionReason: 'Dubbel gemeld',
      });
    });

    it('does not change the events it is given', () => {
      const event = signal.recorded();
      const copy = structuredClone(event);
      [
        event,
        {
          type: 'SignalAmended',
          data: {
            signalId: 'signal-1',
            changes: { severity: 1 },
            personalChanges: {},
            reason: 'r',
          },
        } as SignalEvent,
      ].reduce(evolveSignal, initialSignalState());
      expect(event).toEqual(copy);
    });
  });
});
