// The data keys on PGlite: one live key per owner however many appends ask at once, destroyed
// keys never handed out again, and a statement counter showing concurrent callers share one.
import { randomBytes } from 'node:crypto';
import { PGliteDatabase, PGliteHost, type SqlQueryable } from '@weerbaar/event-store';
import { DataKeys, ensureDataKeySchema } from './data-keys';
import { KeyEncryptionKeys } from './key-encryption-keys';

describe('data keys', () => {
  let database: PGliteDatabase;
  let statements = 0;
  let keys: DataKeys;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    database = new PGliteDatabase(await PGliteHost.open(), { ownsHost: true });
    await ensureDataKeySchema(database);
    const counting: SqlQueryable = {
      query: (sql, params) => {
        statements += 1;
        return database.query(sql, params);
      },
    };
    keys = new DataKeys(counting, new KeyEncryptionKeys(randomBytes(32)));
  });
  afterAll(() => database.close());

  it('gives callers that ask at once one key per owner, from one statement', async () => {
    statements = 0;
    const asked = await Promise.all([
      keys.liveKeys(['signal:a', 'subject:x'], now),
      keys.liveKeys(['signal:b', 'subject:x'], now),
      keys.liveKeys(['subject:x'], now),
    ]);
    expect(statements).toBe(1);
    const ids = asked.map((found) => found.get('subject:x')!.id);
    expect(new Set(ids).size).toBe(1);
    expect(asked[0].get('signal:a')!.key.equals(asked[1].get('signal:b')!.key)).toBe(false);
    const again = await keys.liveKeys(['subject:x'], now);
    expect(again.get('subject:x')!.key.equals(asked[2].get('subject:x')!.key)).toBe(true);
  });

  it('never hands out a destroyed key: the owner gets a new one', async () => {
    const before = (await keys.liveKeys(['subject:y'], now)).get('subject:y')!;
    expect(await keys.destroy('subject:y', 'ERASURE', now)).toBe(1);
    expect(await keys.destroy('subject:y', 'ERASURE', now)).toBe(0);
    expect((await keys.byIds([before.id])).size).toBe(0);
    const after = (await keys.liveKeys(['subject:y'], now)).get('subject:y')!;
    expect(after.id).not.toBe(before.id);
    expect(await keys.ownerStatus('subject:y')).toMatchObject({ known: true, live: true });
  });

  it('shreds the keys of signals recorded before the cutoff, and only those', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    await keys.liveKeys(['signal:old', 'subject:old'], old);
    const destroyed = await keys.destroySignalKeysBefore(new Date('2021-01-01T00:00:00Z'), now, 10);
    expect(destroyed).toBe(1);
    expect(await keys.ownerStatus('signal:old')).toMatchObject({ live: false });
    expect(await keys.ownerStatus('subject:old')).toMatchObject({ live: true });
    expect(await keys.ownerStatus('signal:a')).toMatchObject({ live: true });
  });
});
