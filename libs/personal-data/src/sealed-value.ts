// One personal value sealed with AES-256-GCM: `wb1.<key id>[+<key id>].<nonce|ciphertext|tag>`
// (base64url). The key ids say which data keys open it; the associated data (the event id and
// the field's path) binds it to its place, so a ciphertext copied into another event or field
// does not open. The nonce is synthetic — an HMAC of the key, the place and the plaintext — so the
// same value sealed again for the same place gives the same text (an idempotent retry of an
// append compares equal) and two different values never share a nonce under one key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';

const PREFIX = 'wb1.';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** The ids of the data keys a sealed value needs, all of them. */
export function keyIdsOf(sealed: string): string[] {
  const end = sealed.indexOf('.', PREFIX.length);
  return end < 0 ? [] : sealed.slice(PREFIX.length, end).split('+');
}

/**
 * The key that seals a value under several data keys: any one of them destroyed makes it
 * unreadable (a subject's name in a signal goes with the subject and with the signal).
 */
export function combinedKey(keys: readonly Buffer[]): Buffer {
  if (keys.length === 1) return keys[0];
  return Buffer.from(
    hkdfSync('sha256', Buffer.concat(keys), Buffer.alloc(0), 'weerbaar combined data key', 32),
  );
}

export function seal(
  keyIds: readonly string[],
  key: Buffer,
  associatedData: string,
  plaintext: string,
): string {
  const nonce = createHmac('sha256', key)
    .update(associatedData)
    .update('\u0000')
    .update(plaintext)
    .digest()
    .subarray(0, NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const body = Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]).toString('base64url');
  return `${PREFIX}${keyIds.join('+')}.${body}`;
}

/** The plaintext; throws when the key or the place is not the one it was sealed with. */
export function open(key: Buffer, associatedData: string, sealed: string): string {
  const body = Buffer.from(sealed.slice(sealed.lastIndexOf('.') + 1), 'base64url');
  if (body.length < NONCE_BYTES + TAG_BYTES) throw new Error('sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}
