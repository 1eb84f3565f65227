// Every event records why it happened: the request that recorded a signal (its X-Request-Id, the
// id its log lines carry), and for an escalation the event that triggered it (causation) and that
// event's request (correlation). They travel as Kafka headers in the distributed shape.
import request from 'supertest';
import { START_OF_LOG } from '@weerbaar/event-store';
import { aThreatRequest } from '@weerbaar/testing';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
});

afterAll(() => t?.close());

it('records the request id as the correlation id, and the trigger as an escalation’s cause', async () => {
  for (const day of [1, 2, 3]) {
    await request(t.http)
      .post('/api/v1/signals')
      .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
      .set('X-Request-Id', `request-${day}`)
      .send(aThreatRequest().daysAgo(day).build())
      .expect(201);
  }
  await request(t.http)
    .post('/api/v1/signals')
    .set('Authorization', `Bearer ${t.tokens.coordinator('GM0363')}`)
    .set('X-Request-Id', 'not a token!')
    .send(aThreatRequest().daysAgo(4).build())
    .expect(201);
  await t.settle();

  const { events } = await t.platform.infrastructure.eventStore.readAll(START_OF_LOG, 1000);
  const recorded = events.filter((e) => e.type === 'SignalRecorded');
  expect(recorded.slice(0, 3).map((e) => e.metadata?.correlationId)).toEqual([
    'request-1',
    'request-2',
    'request-3',
  ]);
  // An id that is no plain token is replaced by one of our own.
  expect(recorded[3].metadata?.correlationId).toMatch(/^[0-9a-f-]{36}$/);

  const raised = events.find((e) => e.type === 'EscalationRaised')!;
  const trigger = events.find((e) => e.eventId === raised.metadata?.causationId)!;
  expect(trigger.type).toBe('SignalRecorded');
  expect(raised.metadata?.correlationId).toBe(trigger.metadata?.correlationId);
});
