import { randomBytes } from 'node:crypto';
import { KeyEncryptionKeys, kekIdOf, UnknownKekError } from './key-encryption-keys';
import { combinedKey, isSealed, keyIdsOf, open, seal } from './sealed-value';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const OTHER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('a sealed value', () => {
  const key = randomBytes(32);

  it('opens with its key at its place, and names the keys it needs', () => {
    const sealed = seal([ID], key, 'event-1\u001fdescription', 'Jan Jansen dreigde');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('Jan');
    expect(keyIdsOf(sealed)).toEqual([ID]);
    expect(open(key, 'event-1\u001fdescription', sealed)).toBe('Jan Jansen dreigde');
  });

  it('does not open with another key, at another place, or altered', () => {
    const sealed = seal([ID], key, 'event-1\u001fdescription', 'geheim');
    expect(() => open(randomBytes(32), 'event-1\u001fdescription', sealed)).toThrow();
    expect(() => open(key, 'event-2\u001fdescription', sealed)).toThrow();
    const body = sealed.slice(sealed.lastIndexOf('.') + 1);
    const flipped = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    expect(() => open(key, 'event-1\u001fdescription', sealed.replace(body, flipped))).toThrow();
  });

  it('is the same text for the same value at the same place, another for another value', () => {
    const a = seal([ID], key, 'e\u001fx', 'waarde');
    expect(seal([ID], key, 'e\u001fx', 'waarde')).toBe(a);
    const b = seal([ID], key, 'e\u001fx', 'andere waarde');
    // Different nonces: the first 12 bytes of the body differ.
    const nonce = (s: string) => Buffer.from(s.split('.')[2], 'base64url').subarray(0, 12);
    expect(nonce(a).equals(nonce(b))).toBe(false);
  });

  it('under two keys needs both: the combined key is neither', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const both = combinedKey([k1, k2]);
    expect(both.equals(k1) || both.equals(k2)).toBe(false);
    expect(combinedKey([k2, k1]).equals(both)).toBe(false); // order matters: signal, then subject
    const sealed = seal([ID, OTHER_ID], both, 'p', 'naam');
    expect(keyIdsOf(sealed)).toEqual([ID, OTHER_ID]);
    expect(() => open(k1, 'p', sealed)).toThrow();
    expect(open(combinedKey([k1, k2]), 'p', sealed)).toBe('naam');
  });
});

describe('key-encryption keys', () => {
  it('unwrap what they wrapped, bound to the data key id', () => {
    const keks = new KeyEncryptionKeys(randomBytes(32));
    const dataKey = randomBytes(32);
    const { kekId, wrapped } = keks.wrap(ID, dataKey);
    expect(kekId).toBe(keks.current.id);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(keks.unwrap(ID, kekId, wrapped).equals(dataKey)).toBe(true);
    expect(() => keks.unwrap(OTHER_ID, kekId, wrapped)).toThrow();
  });

  it('rotate: a previous KEK still unwraps, new keys are wrapped by the current one', () => {
    const old = randomBytes(32);
    const before = new KeyEncryptionKeys(old);
    const dataKey = randomBytes(32);
    const { kekId, wrapped } = before.wrap(ID, dataKey);
    const after = new KeyEncryptionKeys(randomBytes(32), [old]);
    expect(after.current.id).not.toBe(kekId);
    expect(after.unwrap(ID, kekId, wrapped).equals(dataKey)).toBe(true);
    expect(after.wrap(ID, dataKey).kekId).toBe(after.current.id);
    const without = new KeyEncryptionKeys(randomBytes(32));
    expect(() => without.unwrap(ID, kekId, wrapped)).toThrow(UnknownKekError);
  });

  it('are named by an id that does not reveal them', () => {
    const kek = randomBytes(32);
    expect(kekIdOf(kek)).toMatch(/^[0-9a-f]{16}$/);
    expect(kek.toString('hex')).not.toContain(kekIdOf(kek));
  });
});
