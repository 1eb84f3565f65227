// Keyset pagination, newest first: opaque cursors (the sort key of the last item, base64url
// JSON) and the one query shape every list uses.
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { MalformedInputError, parseIsoDateTime, UUID_PATTERN } from '@weerbaar/domain';

/** The sort key of a list: a moment and an id to break ties. */
export type PageKey = readonly [moment: string, id: string];

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key of a cursor given by a client. Only what encodeCursor writes is one: a zoned ISO-8601
 * instant PostgreSQL can store and a UUID. Anything else would reach the database as a value of
 * the wrong type (a 500); it is the client's mistake, a 400 naming the cursor.
 */
export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (Array.isArray(key) && key.length === 2) {
    const [moment, id] = key as unknown[];
    const instant = typeof moment === 'string' ? parseIsoDateTime(moment) : undefined;
    if (instant !== undefined && typeof id === 'string' && UUID_PATTERN.test(id)) {
      return [instant.toISOString(), id.toLowerCase()];
    }
  }
  throw new MalformedInputError([{ field: 'cursor', message: 'is not a cursor of this list' }]);
}

/** The next page's cursor, or null on the last page. */
export function nextCursor<T>(page: Page<T>, keyOf: (item: T) => PageKey): string | null {
  const last = page.items.at(-1);
  return page.hasMore && last !== undefined ? encodeCursor(keyOf(last)) : null;
}

/**
 * One page of `query`, ordered by (momentColumn, idColumn) descending, after `after`. Reads one
 * row more than asked to know whether another page follows.
 */
export async function keysetPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  columns: { moment: string; id: string },
  after: PageKey | undefined,
  limit: number,
): Promise<Page<T>> {
  if (after) {
    query.andWhere(`(${columns.moment}, ${columns.id}) < (:afterMoment, :afterId)`, {
      afterMoment: new Date(after[0]),
      afterId: after[1],
    });
  }
  const rows = await query
    .orderBy(columns.moment, 'DESC')
    .addOrderBy(columns.id, 'DESC')
    .limit(limit + 1)
    .getMany();
  return { items: rows.slice(0, limit), hasMore: rows.length > limit };
}
