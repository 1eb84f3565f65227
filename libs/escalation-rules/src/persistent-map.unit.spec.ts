// The persistent map behaves like a Map, and every version stays as it was.
import { PersistentMap } from './persistent-map';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PersistentMap', () => {
  it('agrees with a Map over many random writes (property)', () => {
    const next = random(42);
    const reference = new Map<string, number>();
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 20_000; i += 1) {
      const key = `key-${Math.floor(next() * 5_000)}`;
      reference.set(key, i);
      map = map.set(key, i);
    }
    expect(map.size).toBe(reference.size);
    for (const [key, value] of reference) expect(map.get(key)).toBe(value);
    expect(map.get('absent')).toBeUndefined();
    expect(new Map(map.entries())).toEqual(reference);
  });

  it('leaves earlier versions unchanged', () => {
    const one = PersistentMap.empty<string>().set('a', '1');
    const two = one.set('b', '2');
    const three = two.set('a', 'changed');
    expect(one.toSortedObject()).toEqual({ a: '1' });
    expect(two.toSortedObject()).toEqual({ a: '1', b: '2' });
    expect(three.toSortedObject()).toEqual({ a: 'changed', b: '2' });
    expect([one.size, two.size, three.size]).toEqual([1, 2, 2]);
  });

  it('iterates in the same order whatever the order of insertion', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `signal-${i}`);
    const forward = PersistentMap.of(keys.map((k) => [k, true] as const));
    const backward = PersistentMap.of([...keys].reverse().map((k) => [k, true] as const));
    expect([...backward.keys()]).toEqual([...forward.keys()]);
  });
});
