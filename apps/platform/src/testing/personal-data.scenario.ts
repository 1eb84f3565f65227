// The personal-data scenario both shapes run (issue 9): personal texts of every kind go in
// through the API, are read back opened, a subject is erased, and the caller then searches the
// database, its files, the topic and the logs for any of the texts. Each text carries a random
// marker, so a hit can only come from this run.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import type { SqlQueryable } from '@weerbaar/event-store';
import { aBriberyRequest, aThreatRequest, eventually } from '@weerbaar/testing';
import type { TestPlatform } from './test-platform';

export interface PersonalDataScenario {
  /** Every personal text the scenario entered: none may be found outside the API's answers. */
  personalTexts: string[];
  /**
   * A contact's e-mail address: sealed in the events, but the notifier's delivery queue keeps the
   * addresses it sends to in clear (docs/security.md), so it is only looked for in the log.
   */
  contactAddress: string;
  /** Texts of the erased subject. */
  erasedTexts: string[];
  /** A text stored in clear on purpose (the erasure's ground): where the search must find it. */
  clearText: string;
  erasedFingerprint: string;
  /** The signal naming the erased subject, and the one naming the subject that stays. */
  signalId: string;
  otherSignalId: string;
}

type Tokens = TestPlatform['tokens'];

export async function runPersonalDataScenario(
  http: Server,
  tokens: Tokens,
  settle: () => Promise<void>,
): Promise<PersonalDataScenario> {
  const marker = () => `pd${randomBytes(6).toString('hex')}`;
  const m = {
    description: `Bedreiging door ${marker()}`,
    amendedDescription: `Bijgesteld: ${marker()}`,
    identifier: `Persoon ${marker()}`,
    displayName: `P. ${marker()}`,
    reference: `PL-${marker()}`,
    withholdReason: `Onderzoek ${marker()}`,
    amendReason: `Correctie ${marker()}`,
    otherIdentifier: `Holding ${marker()} B.V.`,
    retractReason: `Dubbel ${marker()}`,
    note: `Notitie ${marker()}`,
    closeNote: `Afgesloten ${marker()}`,
    contactName: `Contact ${marker()}`,
    contactEmail: `${marker()}@riec.test`,
    mayorName: `Burgemeester ${marker()}`,
  };
  const clearText = `AVG-verzoek ${marker()}`;
  const as = (token: string) => ({
    get: (path: string) => request(http).get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body?: object) =>
      request(http).post(path).set('Authorization', `Bearer ${token}`).send(body),
    put: (path: string, body: object) =>
      request(http).put(path).set('Authorization', `Bearer ${token}`).send(body),
  });
  const admin = as(tokens.admin());
  const analyst = as(tokens.analyst('amsterdam'));
  const amsterdam = as(tokens.coordinator('GM0363'));
  const amstelveen = as(tokens.coordinator('GM0362'));

  await admin
    .put('/api/v1/admin/riec-contacts/amsterdam', {
      contacts: [{ name: m.contactName, email: m.contactEmail }],
    })
    .expect(200);
  await admin
    .put('/api/v1/admin/municipality-contacts/GM0363', {
      burgemeester: { name: m.mayorName, email: 'burgemeester@amsterdam.test' },
    })
    .expect(200);

  const subject = { kind: 'PERSON', identifier: m.identifier, displayName: m.displayName };
  const recorded = await amsterdam
    .post(
      '/api/v1/signals',
      aThreatRequest()
        .severity(5)
        .withSubjects(subject)
        .with({
          description: m.description,
          policeReportFiled: true,
          policeReportReference: m.reference,
          withholdFromMayor: true,
          withholdReason: m.withholdReason,
        })
        .build(),
    )
    .expect(201);
  const signalId = recorded.body.signalId as string;
  await request(http)
    .patch(`/api/v1/signals/${signalId}`)
    .set('Authorization', `Bearer ${tokens.coordinator('GM0363')}`)
    .set('If-Match', '"0"')
    .send({ description: m.amendedDescription, reason: m.amendReason })
    .expect(200);
  // The same subject in a neighbouring municipality: a link that must survive the erasure.
  await amstelveen
    .post('/api/v1/signals', aBriberyRequest().in('GM0362').withSubjects(subject).build())
    .expect(201);
  const other = await amsterdam
    .post(
      '/api/v1/signals',
      aBriberyRequest()
        .withSubjects({ kind: 'ORGANISATION', identifier: m.otherIdentifier })
        .build(),
    )
    .expect(201);
  const otherSignalId = other.body.signalId as string;
  const retracted = await amsterdam.post('/api/v1/signals', aThreatRequest().build()).expect(201);
  await request(http)
    .post(`/api/v1/signals/${retracted.body.signalId as string}/retract`)
    .set('Authorization', `Bearer ${tokens.coordinator('GM0363')}`)
    .set('If-Match', '"0"')
    .send({ reason: m.retractReason })
    .expect(200);

  // The severity-5 signal raises a case; the analyst works it with notes.
  await settle();
  let escalationId = '';
  await eventually(async () => {
    const list = await analyst.get('/api/v1/escalations?ruleId=critical-signal').expect(200);
    const item = (list.body.items as { escalationId: string }[])[0];
    if (item === undefined) throw new Error('no critical-signal escalation yet');
    escalationId = item.escalationId;
  });
  await analyst.post(`/api/v1/escalations/${escalationId}/notes`, { text: m.note }).expect(201);
  await analyst
    .post(`/api/v1/escalations/${escalationId}/close`, { outcome: 'VALUABLE', note: m.closeNote })
    .expect(200);
  const notes = (await analyst.get(`/api/v1/escalations/${escalationId}`).expect(200)).body as {
    notes: { text: string }[];
  };
  expect(notes.notes.map((n) => n.text)).toEqual([m.note]);

  // Opened for whoever may read it.
  const before = (await amsterdam.get(`/api/v1/signals/${signalId}`).expect(200)).body as {
    description: string;
    subjects: { identifier: string; displayName: string; fingerprint: string; erased: boolean }[];
    policeReportReference: string;
    withholdReason: string;
  };
  expect(before).toMatchObject({
    description: m.amendedDescription,
    policeReportReference: m.reference,
    withholdReason: m.withholdReason,
    subjects: [{ identifier: m.identifier, displayName: m.displayName, erased: false }],
  });
  const fingerprint = before.subjects[0].fingerprint;
  await settle();
  const riskBefore = (await analyst.get('/api/v1/municipalities/GM0363/risk').expect(200)).body;
  const linksBefore = (await analyst.get(`/api/v1/subjects/${fingerprint}`).expect(200)).body;
  expect(linksBefore).toMatchObject({ erasedAt: null });

  // Erasure: bad requests change nothing, the real one shreds the subject's key.
  await admin.post(`/api/v1/admin/subjects/${fingerprint}/erase`, {}).expect(422);
  await admin.post(`/api/v1/admin/subjects/${'0'.repeat(64)}/erase`, { reason: 'x' }).expect(404);
  await admin.post('/api/v1/admin/subjects/not-a-fingerprint/erase', { reason: 'x' }).expect(404);
  await amsterdam.post(`/api/v1/admin/subjects/${fingerprint}/erase`, { reason: 'x' }).expect(403);
  const erased = await admin
    .post(`/api/v1/admin/subjects/${fingerprint}/erase`, { reason: clearText })
    .expect(200);
  expect(erased.body).toMatchObject({ fingerprint, keysDestroyed: 1, reason: clearText });
  const again = await admin
    .post(`/api/v1/admin/subjects/${fingerprint}/erase`, { reason: 'nogmaals' })
    .expect(200);
  expect(again.body).toEqual({ ...erased.body, keysDestroyed: 0 });

  const after = (await amsterdam.get(`/api/v1/signals/${signalId}`).expect(200)).body as {
    subjects: unknown[];
  };
  expect(after).toMatchObject({
    description: m.amendedDescription, // the signal's own texts stay readable
    personalDataErased: false,
    subjects: [{ kind: 'PERSON', fingerprint, erased: true }],
  });
  expect(after.subjects[0]).not.toHaveProperty('identifier');
  expect(after.subjects[0]).not.toHaveProperty('displayName');
  const kept = (await amsterdam.get(`/api/v1/signals/${otherSignalId}`).expect(200)).body;
  expect(kept).toMatchObject({ subjects: [{ identifier: m.otherIdentifier, erased: false }] });
  // Counts and links stay.
  await settle();
  const riskAfter = (await analyst.get('/api/v1/municipalities/GM0363/risk').expect(200)).body;
  expect({ counts: riskAfter.counts, level: riskAfter.level }).toEqual({
    counts: riskBefore.counts,
    level: riskBefore.level,
  });
  const linksAfter = (await analyst.get(`/api/v1/subjects/${fingerprint}`).expect(200)).body as {
    erasedAt: string;
  };
  expect(linksAfter).toEqual({ ...linksBefore, erasedAt: erased.body.erasedAt });

  const { contactEmail, ...texts } = m;
  return {
    personalTexts: Object.values(texts),
    contactAddress: contactEmail,
    erasedTexts: [m.identifier, m.displayName],
    clearText,
    erasedFingerprint: fingerprint,
    signalId,
    otherSignalId,
  };
}

/**
 * The stored, sealed description of the scenario's signal: found where the search looks, it
 * shows that the search reads the rows that would hold the texts.
 */
export async function sealedDescriptionOf(db: SqlQueryable, signalId: string): Promise<string> {
  const [row] = await db.query<{ description: string }>(
    `SELECT data->'personal'->>'description' AS description FROM es_events
      WHERE type = 'SignalRecorded' AND data->>'signalId' = $1`,
    [signalId],
  );
  return row.description;
}

/** The texts found in any file under `dir`, one file at a time. */
export function textsInFilesUnder(dir: string, texts: readonly string[]): string[] {
  const found = new Set<string>();
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // removed while we looked (a WAL segment recycled)
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile()) {
      for (const text of textsIn(readFileSync(path), texts)) found.add(text);
    }
  };
  visit(dir);
  return [...found];
}

/** The texts found in `haystack`: what a search of a dump, a file or a topic turned up. */
export function textsIn(haystack: Buffer | string, texts: readonly string[]): string[] {
  const buffer = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return texts.filter((text) => buffer.includes(Buffer.from(text, 'utf8')));
}
