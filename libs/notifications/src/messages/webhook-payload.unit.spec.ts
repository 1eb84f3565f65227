// The webhook's body: the Standard Webhooks envelope around the escalation's summary fields,
// and nothing that the notice does not say.
import { escalationNotice } from '../../../testing/src/builders/message.builders';
import { escalationWebhookPayload } from './webhook-payload';

describe('escalationWebhookPayload', () => {
  it('wraps the summary fields of a raised escalation in {type, timestamp, data}', () => {
    expect(escalationWebhookPayload(escalationNotice())).toEqual({
      type: 'escalation.raised',
      timestamp: '2026-11-23T09:00:00.000Z',
      data: {
        escalationId: '0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
        revision: 0,
        ruleId: 'threat-cluster',
        ruleVersion: 2,
        municipality: 'GM0344',
        municipalityName: 'Utrecht',
        riecRegion: 'midden-nederland',
        severity: 'HIGH',
        explanation: '3 meldingen van bedreiging binnen 30 dagen in Utrecht.',
        contributingSignalCount: 3,
        raisedAt: '2026-11-23T09:00:00.000Z',
        caseUrl: 'https://weerbaar.example/escalaties/0f9a3c1e-7d2b-4c55-9a40-1d2e3f405162',
      },
    });
  });

  it('types an update as escalation.updated with its revision', () => {
    const payload = escalationWebhookPayload(escalationNotice({ kind: 'UPDATED', revision: 4 }));
    expect(payload.type).toBe('escalation.updated');
    expect(payload.data).toMatchObject({ revision: 4 });
  });

  it('survives JSON unchanged, so the signed body is what the receiver parses', () => {
    const payload = escalationWebhookPayload(escalationNotice());
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });
});
