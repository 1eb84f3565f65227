import { mapPersonalData, type PersonalText } from './personal-fields';

const recorded = {
  signalId: 's1',
  facts: { municipality: 'GM0363', subjectFingerprints: ['f1', 'f2'] },
  personal: {
    description: 'omschrijving',
    subjects: [
      { kind: 'PERSON', identifier: 'Jan', displayName: 'J.' },
      { kind: 'VEHICLE', identifier: '12-AB-34' },
    ],
    policeReportReference: 'PL-1',
  },
};

/** Notes each text with its owners, and returns it marked. */
function noting(seen: string[]): PersonalText {
  return (value, field, owners) => {
    seen.push(`${field} <- ${owners.join('+')}`);
    return `<${value}>`;
  };
}

describe('the personal fields of events', () => {
  it("seal a signal's texts under its key, and each subject's under both keys", () => {
    const seen: string[] = [];
    const data = mapPersonalData('SignalRecorded', recorded, noting(seen)) as typeof recorded;
    expect(seen).toEqual([
      'personal.description <- signal:s1',
      'personal.subjects.0.identifier <- signal:s1+subject:f1',
      'personal.subjects.0.displayName <- signal:s1+subject:f1',
      'personal.subjects.1.identifier <- signal:s1+subject:f2',
      'personal.policeReportReference <- signal:s1',
    ]);
    expect(data.personal.subjects[1]).toEqual({ kind: 'VEHICLE', identifier: '<12-AB-34>' });
    expect(data.facts).toBe(recorded.facts); // the facts are left alone
  });

  it('mark what cannot be opened as erased: a subject, or the whole signal', () => {
    const subjectGone: PersonalText = (value, _f, owners) =>
      owners.includes('subject:f1') ? undefined : value;
    const data = mapPersonalData('SignalRecorded', recorded, subjectGone) as {
      personal: { description: string; subjects: unknown[]; erased?: true };
    };
    expect(data.personal.subjects).toEqual([
      { kind: 'PERSON', identifier: '', erased: true },
      { kind: 'VEHICLE', identifier: '12-AB-34' },
    ]);
    expect(data.personal.erased).toBeUndefined();

    const signalGone: PersonalText = () => undefined;
    const shredded = mapPersonalData('SignalRecorded', recorded, signalGone) as typeof data;
    expect(shredded.personal).toMatchObject({ description: '', erased: true });
  });

  it('leave removals (null) and events without personal data as they are', () => {
    const amended = {
      signalId: 's1',
      changes: {},
      personalChanges: { policeReportReference: null, description: 'nieuw' },
      reason: 'waarom',
    };
    const seen: string[] = [];
    const data = mapPersonalData('SignalAmended', amended, noting(seen));
    expect(data).toEqual({
      ...amended,
      personalChanges: { policeReportReference: null, description: '<nieuw>' },
      reason: '<waarom>',
    });
    const raised = { escalationId: 'e1', explanation: 'drie signalen' };
    expect(mapPersonalData('EscalationRaised', raised, noting(seen))).toBe(raised);
  });

  it("seal notes under the escalation's key and contacts under the list's", () => {
    const seen: string[] = [];
    mapPersonalData('EscalationNoted', { escalationId: 'e1', text: 'notitie' }, noting(seen));
    mapPersonalData(
      'RiecContactsSet',
      { riecRegion: 'amsterdam', contacts: [{ name: 'A', email: 'a@b.nl', webhookSecret: 'x' }] },
      noting(seen),
    );
    expect(seen).toEqual([
      'text <- escalation:e1',
      'contacts.0.name <- contacts:riec-amsterdam',
      'contacts.0.email <- contacts:riec-amsterdam',
      'contacts.0.webhookSecret <- contacts:riec-amsterdam',
    ]);
  });
});
