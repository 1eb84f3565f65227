// The key-encryption keys (WEERBAAR_KEK, and WEERBAAR_KEK_PREVIOUS while rotating): data keys are
// stored wrapped by one of them (AES-256-GCM, the data key's id as associated data), named by a
// short id derived from the key so a wrapped key says which KEK opens it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface KeyEncryptionKey {
  id: string;
  key: Buffer;
}

export class UnknownKekError extends Error {
  constructor(readonly kekIds: readonly string[]) {
    super(
      `data keys are wrapped by key-encryption key ${kekIds.join(', ')}, which is not configured: ` +
        'give it in WEERBAAR_KEK_PREVIOUS until `weerbaar rewrap-keys` has run',
    );
    this.name = 'UnknownKekError';
  }
}

/** The id of a KEK: a hash of it, short, and never enough to find the key. */
export function kekIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('weerbaar kek id\u0000')
    .update(key)
    .digest('hex')
    .slice(0, 16);
}

export class KeyEncryptionKeys {
  readonly current: KeyEncryptionKey;
  private readonly byId = new Map<string, Buffer>();

  /** `current` wraps new keys; `previous` still unwrap what they wrapped. */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    this.current = { id: kekIdOf(current), key: current };
    for (const key of [current, ...previous]) this.byId.set(kekIdOf(key), key);
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  wrap(dataKeyId: string, dataKey: Buffer): { kekId: string; wrapped: Buffer } {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
    cipher.setAAD(Buffer.from(dataKeyId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return {
      kekId: this.current.id,
      wrapped: Buffer.concat([nonce, sealed, cipher.getAuthTag()]),
    };
  }

  unwrap(dataKeyId: string, kekId: string, wrapped: Buffer): Buffer {
    const kek = this.byId.get(kekId);
    if (kek === undefined) throw new UnknownKekError([kekId]);
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(dataKeyId, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    return Buffer.concat([
      decipher.update(wrapped.subarray(12, wrapped.length - 16)),
      decipher.final(),
    ]);
  }
}
