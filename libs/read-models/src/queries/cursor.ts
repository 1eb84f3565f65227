// Opaque pagination cursors: the sort key of the last item, base64url-encoded JSON.

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor, or undefined when it is not one of ours. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every(
        (part): part is string | number => typeof part === 'string' || typeof part === 'number',
      )
    ) {
      return key;
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}
