import { expect, it } from 'vitest';
import {
  changedFields,
  formFromSignal,
  newSignalId,
  newSubjectRow,
  reapplyChanges,
  toAmendBody,
  withCategory,
} from './signal-form';
import { aSignal } from './test-support';

it('reads a signal into the form and finds no change in it', () => {
  const base = formFromSignal(
    aSignal({ occurredAt: '2025-01-15T13:30:27.000Z', policeReportReference: undefined }),
  );
  expect(base.occurredDate).toBe('2025-01-15');
  expect(base.occurredTime).toBe('14:30');
  expect(changedFields(base, { ...base })).toEqual([]);
});

it('amends only what changed, and removes a reference whose report is unticked', () => {
  const base = formFromSignal(aSignal({ policeReportFiled: true, policeReportReference: 'PL-1' }));
  const values = {
    ...base,
    policeReportFiled: false,
    subjects: [newSubjectRow({ kind: 'PERSON', identifier: '  Jan  de Vries ' })],
  };
  expect(toAmendBody(base, values, ' Aangifte ingetrokken ')).toEqual({
    subjects: [{ kind: 'PERSON', identifier: 'Jan  de Vries' }],
    policeReportFiled: false,
    policeReportReference: null,
    reason: 'Aangifte ingetrokken',
  });
});

it('keeps a subcategory only while it belongs to the category', () => {
  const base = formFromSignal(aSignal({ category: 'THREAT', subcategory: 'ONLINE' }));
  expect(withCategory(base, 'BRIBERY').subcategory).toBe('');
  expect(withCategory(base, 'THREAT').subcategory).toBe('ONLINE');
});

it('re-applies the own changes to a newer version, keeping what others changed', () => {
  const base = formFromSignal(aSignal({ severity: 3, description: 'Oud' }));
  const mine = { ...base, severity: '5' };
  const newer = formFromSignal(aSignal({ revision: 1, severity: 3, description: 'Nieuw' }));
  const next = reapplyChanges(base, mine, newer);
  expect(next.severity).toBe('5');
  expect(next.description).toBe('Nieuw');
  expect(toAmendBody(newer, next, 'Ernstiger')).toEqual({ severity: 5, reason: 'Ernstiger' });
});

it('makes a v4 UUID for the signal id, also where crypto.randomUUID is missing', () => {
  const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  expect(newSignalId()).toMatch(v4);
  const original = Object.getOwnPropertyDescriptor(crypto, 'randomUUID');
  Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
  try {
    expect(newSignalId()).toMatch(v4);
  } finally {
    if (original) Object.defineProperty(crypto, 'randomUUID', original);
    else delete (crypto as { randomUUID?: unknown }).randomUUID;
  }
});
