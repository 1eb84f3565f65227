// A snooze names one rule and one municipality or subject, for at most 180 days, with a reason.
import { MalformedInputError, ValidationError } from '@weerbaar/domain';
import { parseSnoozeRequest } from './snooze';

const now = new Date('2026-11-24T10:00:00.000Z');
const fields = (input: unknown): string[] => {
  try {
    parseSnoozeRequest(input, now);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('snooze requests', () => {
  it('parses a snooze for a municipality', () => {
    expect(
      parseSnoozeRequest(
        {
          ruleId: 'threat-cluster',
          municipality: 'GM0363',
          until: '2027-01-01T00:00:00Z',
          reason: ' In onderzoek ',
        },
        now,
      ),
    ).toEqual({
      ruleId: 'threat-cluster',
      municipality: 'GM0363',
      fingerprint: null,
      until: new Date('2027-01-01T00:00:00Z'),
      reason: 'In onderzoek',
    });
  });

  it('allows at most 180 days ahead, and only the future', () => {
    const base = { ruleId: 'threat-cluster', municipality: 'GM0363', reason: 'x' };
    expect(fields({ ...base, until: '2027-05-23T10:00:00Z' })).toEqual([]); // 180 days
    expect(fields({ ...base, until: '2027-05-23T10:00:01Z' })).toEqual(['until']);
    expect(fields({ ...base, until: '2026-11-24T09:59:59Z' })).toEqual(['until']);
  });

  it('needs exactly one of municipality and fingerprint; a fingerprint only for the subject rule', () => {
    const until = '2027-01-01T00:00:00Z';
    expect(fields({ ruleId: 'threat-cluster', until, reason: 'x' })).toEqual(['municipality']);
    expect(
      fields({
        ruleId: 'threat-cluster',
        municipality: 'GM0363',
        fingerprint: 'a'.repeat(64),
        until,
        reason: 'x',
      }),
    ).toEqual(['municipality']);
    expect(
      fields({ ruleId: 'threat-cluster', fingerprint: 'a'.repeat(64), until, reason: 'x' }),
    ).toEqual(['fingerprint']);
    expect(
      fields({
        ruleId: 'cross-municipality-subject',
        fingerprint: 'a'.repeat(64),
        until,
        reason: 'x',
      }),
    ).toEqual([]);
    expect(
      fields({ ruleId: 'cross-municipality-subject', fingerprint: 'abc', until, reason: 'x' }),
    ).toEqual(['fingerprint']);
  });

  it('needs a known rule and a reason, and refuses unknown fields', () => {
    expect(
      fields({ ruleId: 'full-moon', municipality: 'GM0363', until: '2027-01-01T00:00:00Z' }),
    ).toEqual(['ruleId', 'reason']);
    expect(() => parseSnoozeRequest({ colour: 'red' }, now)).toThrow(MalformedInputError);
  });
});
