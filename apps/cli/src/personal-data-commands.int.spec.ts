// The personal-data commands on an embedded store on disk: the one-off sealing of events stored
// in clear (audited, chains recomputed, idempotent), a KEK rotation, and erasure from the CLI.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnknownKekError } from '@weerbaar/personal-data';
import { verifyHashChain } from '@weerbaar/event-store';
import { type InfrastructureConfig, openInfrastructure } from '@weerbaar/infrastructure';
import {
  eraseSubjectCommand,
  rewrapKeysCommand,
  sealExistingEventsCommand,
} from './personal-data-commands';

const FINGERPRINT = 'ab'.repeat(32);
const signalId = randomUUID();
const recorded = {
  signalId,
  facts: { municipality: 'GM0363', subjectFingerprints: [FINGERPRINT] },
  personal: {
    description: 'Oude omschrijving in klare tekst',
    subjects: [{ kind: 'PERSON', identifier: 'Klaas Klaartekst' }],
  },
};
const quiet = () => undefined;

// Each step opens the embedded engine on disk anew, as the CLI does.
jest.setTimeout(60_000);

describe('the personal-data commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'weerbaar-seal-'));
  const kek = randomBytes(32);
  const config: InfrastructureConfig = {
    dataDir,
    databaseUrl: undefined,
    personalData: { kek, previousKeks: [], retentionYears: 5 },
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const rawRows = async (c: InfrastructureConfig = config) => {
    const infrastructure = await openInfrastructure(c);
    try {
      const rows = await infrastructure.database.query<{ row: string }>(
        'SELECT e::text AS row FROM es_events e',
      );
      const opened = await infrastructure.eventStore.readStream(`signal-${signalId}`);
      return { text: rows.map((r) => r.row).join('\n'), opened };
    } finally {
      await infrastructure.close();
    }
  };

  it('seal what was stored in clear, once, recomputing the chains, audited', async () => {
    const before = await openInfrastructure(config);
    try {
      // Stored the way events were before sealing began: straight into the log.
      await before.eventStore.log.append(
        `signal-${signalId}`,
        [{ eventId: randomUUID(), type: 'SignalRecorded', schemaVersion: 1, data: recorded }],
        { expectedRevision: 'no_stream' },
      );
    } finally {
      await before.close();
    }
    expect((await rawRows()).text).toContain('Klaas Klaartekst');

    expect(await sealExistingEventsCommand(config, quiet)).toEqual({ sealed: 1, rehashed: 1 });
    const { text, opened } = await rawRows();
    expect(text).not.toContain('Klaas Klaartekst');
    expect(text).not.toContain('Oude omschrijving');
    expect(opened[0].data).toEqual(recorded);

    const after = await openInfrastructure(config);
    try {
      expect((await verifyHashChain(after.database)).broken).toBeUndefined();
      const audit = await after.database.query<{ action: string; resource: string }>(
        'SELECT action, resource FROM audit_log',
      );
      expect(audit).toEqual([
        { action: 'CLI seal-existing-events', resource: 'es_events: 1 sealed, 1 rehashed' },
      ]);
    } finally {
      await after.close();
    }
    expect(await sealExistingEventsCommand(config, quiet)).toEqual({ sealed: 0, rehashed: 0 });
  });

  it('re-wrap the data keys with a new KEK, after which the old one opens nothing', async () => {
    const rotated: InfrastructureConfig = {
      ...config,
      personalData: { kek: randomBytes(32), previousKeks: [kek], retentionYears: 5 },
    };
    expect(await rewrapKeysCommand(rotated, quiet)).toBe(2); // the signal's and the subject's
    const onlyNew = { ...rotated, personalData: { ...rotated.personalData, previousKeks: [] } };
    expect((await rawRows(onlyNew)).opened[0].data).toEqual(recorded);
    await expect(openInfrastructure(config)).rejects.toThrow(UnknownKekError);
    config.personalData = onlyNew.personalData;
  });

  it('erase a subject from the command line', async () => {
    const lines: string[] = [];
    expect(await eraseSubjectCommand(config, 'cd'.repeat(32), 'AVG 1', (l) => lines.push(l))).toBe(
      false,
    );
    expect(await eraseSubjectCommand(config, FINGERPRINT, 'AVG 2', (l) => lines.push(l))).toBe(
      true,
    );
    expect(lines[1]).toMatch(/^Erased subject (ab)+ at .+: 1 key destroyed\.$/);
    const { opened } = await rawRows();
    expect(opened[0].data).toEqual({
      ...recorded,
      personal: {
        ...recorded.personal,
        subjects: [{ kind: 'PERSON', identifier: '', erased: true }],
      },
    });
  });
});
