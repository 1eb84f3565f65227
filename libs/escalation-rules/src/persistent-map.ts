// An immutable map from string keys with O(log n) updates by path copying (a small hash array
// mapped trie). It lets the rule engine's state be a value: applyEvent returns a new state and
// the previous one stays valid (a consumer whose transaction fails keeps it), while a replay of
// a long log stays linear instead of copying every map on every event.

const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

interface Entry<V> {
  readonly key: string;
  readonly value: V;
}
/** Entries whose keys share one full hash (usually exactly one entry). */
interface Leaf<V> {
  readonly hash: number;
  readonly entries: readonly Entry<V>[];
}
interface Branch<V> {
  readonly slots: readonly (Node<V> | undefined)[];
}
type Node<V> = Leaf<V> | Branch<V>;

const isLeaf = <V>(node: Node<V>): node is Leaf<V> => 'entries' in node;

/** FNV-1a, 32 bits: stable across processes, so iteration order is the same on every replay. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [key, value] of entries) map = map.set(key, value);
    return map;
  }

  get(key: string): V | undefined {
    const hash = hashOf(key);
    let node = this.root;
    for (let shift = 0; node !== undefined; shift += BITS) {
      if (isLeaf(node)) {
        return node.hash === hash ? node.entries.find((e) => e.key === key)?.value : undefined;
      }
      node = node.slots[(hash >>> shift) & MASK];
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A map with `key` set to `value`; this map itself is unchanged. Undefined values are not stored. */
  set(key: string, value: V): PersistentMap<V> {
    const result = { added: false };
    const root = insert(this.root, { key, value }, hashOf(key), 0, result);
    return new PersistentMap(root, this.size + (result.added ? 1 : 0));
  }

  /** Entries in hash order: arbitrary but the same in every process. */
  *entries(): IterableIterator<[string, V]> {
    const stack: Node<V>[] = this.root === undefined ? [] : [this.root];
    while (stack.length > 0) {
      const node = stack.pop() as Node<V>;
      if (isLeaf(node)) {
        for (const entry of node.entries) yield [entry.key, entry.value];
      } else {
        for (let i = WIDTH - 1; i >= 0; i -= 1) {
          const child = node.slots[i];
          if (child !== undefined) stack.push(child);
        }
      }
    }
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /** The entries sorted by key, as a plain object: for comparing states and for debugging. */
  toSortedObject(): Record<string, V> {
    return Object.fromEntries([...this.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

function insert<V>(
  node: Node<V> | undefined,
  entry: Entry<V>,
  hash: number,
  shift: number,
  result: { added: boolean },
): Node<V> {
  if (node === undefined) {
    result.added = true;
    return { hash, entries: [entry] };
  }
  if (isLeaf(node)) {
    if (node.hash === hash) {
      const index = node.entries.findIndex((e) => e.key === entry.key);
      if (index < 0) {
        result.added = true;
        return { hash, entries: [...node.entries, entry] };
      }
      const entries = [...node.entries];
      entries[index] = entry;
      return { hash, entries };
    }
    // Two different hashes meet: push the leaf one level down and insert next to it. The
    // hashes differ in some bit, and the levels (0, 5, …, 30) cover all 32, so this ends.
    const slots: (Node<V> | undefined)[] = new Array<Node<V> | undefined>(WIDTH).fill(undefined);
    slots[(node.hash >>> shift) & MASK] = node;
    return insert({ slots }, entry, hash, shift, result);
  }
  const index = (hash >>> shift) & MASK;
  const slots = [...node.slots];
  slots[index] = insert(slots[index], entry, hash, shift + BITS, result);
  return { slots };
}
