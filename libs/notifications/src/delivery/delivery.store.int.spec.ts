// The delivery queue on PGlite: a delivery is queued once whatever repeats it, claimed by one
// worker at a time, claimed again when its worker died holding the lease (a repeat, never a
// skip), and closed with every attempt kept.
import { PGliteDatabase, PGliteHost } from '@weerbaar/event-store';
import { ensureDeliverySchema } from './delivery.schema';
import { DeliveryStore, type NewDelivery } from './delivery.store';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const LEASE_MS = 30_000;

const delivery = (n: number): NewDelivery => ({
  deliveryId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'RIEC_WEBHOOK',
  channel: 'WEBHOOK',
  recipient: 'https://riec.example/hook',
  escalationId: '00000000-0000-4000-8000-000000000099',
  revision: 0,
  municipality: 'GM0363',
  payload: { notice: { escalationId: 'x' } },
  waitForReadModels: null,
});

describe('the delivery queue', () => {
  let database: PGliteDatabase;
  const store = new DeliveryStore();

  beforeAll(async () => {
    database = new PGliteDatabase(await PGliteHost.open(), { ownsHost: true });
    await ensureDeliverySchema(database);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.query('DELETE FROM notification_attempts');
    await database.query('DELETE FROM notification_deliveries');
  });

  it('queues a delivery once, however often it is queued', async () => {
    await store.enqueue(database, [delivery(1), delivery(1)], NOW);
    await store.enqueue(database, [delivery(1)], NOW);
    expect(await store.claimDue(database, NOW, 10, LEASE_MS)).toHaveLength(1);
  });

  it('lets one worker hold a delivery, and another take it when the first died with its lease', async () => {
    await store.enqueue(database, [delivery(1)], NOW);
    const [first] = await store.claimDue(database, NOW, 10, LEASE_MS);
    expect(first.deliveryId).toBe(delivery(1).deliveryId);
    expect(await store.claimDue(database, later(LEASE_MS - 1), 10, LEASE_MS)).toEqual([]);
    // The first worker sent, and died before recording: the delivery comes back (a repeat).
    const [again] = await store.claimDue(database, later(LEASE_MS), 10, LEASE_MS);
    expect(again.deliveryId).toBe(first.deliveryId);
    expect(again.attempts).toBe(0);
  });

  it('retries at the time given, then closes with every attempt kept', async () => {
    await store.enqueue(database, [delivery(1)], NOW);
    await store.claimDue(database, NOW, 10, LEASE_MS);
    const attempts = await store.recordAttempt(
      database,
      delivery(1).deliveryId,
      { at: NOW, outcome: 'FAILED', detail: 'HTTP 500' },
      { retryAt: later(2_000) },
    );
    expect(attempts).toBe(1);
    expect(await store.claimDue(database, later(1_999), 10, LEASE_MS)).toEqual([]);
    expect(await store.nextDueAt(database)).toEqual(later(2_000));
    await store.claimDue(database, later(2_000), 10, LEASE_MS);
    await store.recordAttempt(
      database,
      delivery(1).deliveryId,
      { at: later(2_000), outcome: 'DELIVERED', detail: 'HTTP 204' },
      { status: 'DELIVERED' },
    );
    expect(await store.claimDue(database, later(999_999), 10, LEASE_MS)).toEqual([]);
    const [closed] = await store.ofEscalation(database, delivery(1).escalationId!);
    expect(closed).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(closed.attemptLog.map((a) => [a.attempt, a.outcome, a.detail])).toEqual([
      [1, 'FAILED', 'HTTP 500'],
      [2, 'DELIVERED', 'HTTP 204'],
    ]);
  });

  it('puts a postponed delivery back without counting an attempt', async () => {
    await store.enqueue(database, [delivery(1)], NOW);
    await store.claimDue(database, NOW, 10, LEASE_MS);
    await store.postpone(database, delivery(1).deliveryId, later(200));
    const [back] = await store.claimDue(database, later(200), 10, LEASE_MS);
    expect(back.attempts).toBe(0);
  });

  it('claims a week of the digest once', async () => {
    expect(await store.isDigestWeekClaimed(database, '2026-W48')).toBe(false);
    expect(await store.claimDigestWeek(database, '2026-W48', NOW, NOW)).toBe(true);
    expect(await store.isDigestWeekClaimed(database, '2026-W48')).toBe(true);
    expect(await store.claimDigestWeek(database, '2026-W48', NOW, later(1))).toBe(false);
    expect(await store.claimDigestWeek(database, '2026-W49', later(7 * 86_400_000), NOW)).toBe(
      true,
    );
  });
});
