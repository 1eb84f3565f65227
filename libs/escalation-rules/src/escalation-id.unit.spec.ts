// Escalation ids are UUID-shaped, stable, and differ whenever one of their parts differs.
import { deterministicUuid, escalationIdFor } from './escalation-id';

const V5_STYLE = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('escalation ids', () => {
  it('are the same for the same rule, municipality and trigger, in every process', () => {
    const id = escalationIdFor('threat-cluster', 'GM0363', 'event-1');
    expect(id).toMatch(V5_STYLE);
    expect(escalationIdFor('threat-cluster', 'GM0363', 'event-1')).toBe(id);
    // Pinned: changing the derivation would raise every escalation anew on a replay.
    expect(id).toBe('127c832e-c802-59b9-8935-5fcb789931ab');
  });

  it('differ when any part differs', () => {
    const ids = new Set([
      escalationIdFor('threat-cluster', 'GM0363', 'event-1'),
      escalationIdFor('critical-signal', 'GM0363', 'event-1'),
      escalationIdFor('threat-cluster', 'GM0599', 'event-1'),
      escalationIdFor('threat-cluster', 'GM0363', 'event-2'),
    ]);
    expect(ids.size).toBe(4);
  });

  it('do not confuse where one part ends and the next begins', () => {
    expect(deterministicUuid('ns', 'ab', 'c')).not.toBe(deterministicUuid('ns', 'a', 'bc'));
  });
});
