// Upcasting on read: stored events keep the schema version they were written with (never
// rewritten); readers always receive the current version, converted step by step.

/** Turns the data of version `n` into the data of version `n + 1`. */
export type Upcaster = (data: unknown, metadata: Readonly<Record<string, unknown>>) => unknown;

export interface UpcasterRegistry {
  /**
   * Per event type, per version it converts FROM: `{ SignalRecorded: { 1: (v1) => v2, 2: (v2) => v3 } }`.
   */
  upcasters?: Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;
  /**
   * Per event type, the version readers get. Default: one past the highest version with an
   * upcaster, or the stored version when the type has none.
   */
  currentVersions?: Readonly<Record<string, number>>;
}

export class MissingUpcasterError extends Error {
  readonly code = 'MISSING_UPCASTER';
  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    readonly toVersion: number,
  ) {
    super(
      `No upcaster for ${eventType} from version ${fromVersion} (current version ${toVersion})`,
    );
    this.name = 'MissingUpcasterError';
  }
}

export class Upcasting {
  private readonly current = new Map<string, number>();

  constructor(private readonly registry: UpcasterRegistry = {}) {
    for (const [type, steps] of Object.entries(registry.upcasters ?? {})) {
      const versions = Object.keys(steps).map(Number);
      if (versions.length > 0) {
        this.current.set(type, Math.max(...versions) + 1);
      }
    }
    for (const [type, version] of Object.entries(registry.currentVersions ?? {})) {
      this.current.set(type, version);
    }
  }

  /** The version writers should use for `type` (undefined when the registry does not know it). */
  currentVersion(type: string): number | undefined {
    return this.current.get(type);
  }

  /**
   * Converts stored data to the current version. An event stored with a version newer than this
   * process knows (written by a newer release during a rolling deploy) is returned as stored:
   * there is no way down, and failing the whole read would stall every reader of the log.
   */
  upcast(
    type: string,
    schemaVersion: number,
    data: unknown,
    metadata: Readonly<Record<string, unknown>>,
  ): { schemaVersion: number; data: unknown } {
    const target = this.current.get(type);
    if (target === undefined || schemaVersion >= target) {
      return { schemaVersion, data };
    }
    const steps = this.registry.upcasters?.[type] ?? {};
    let version = schemaVersion;
    let current = data;
    while (version < target) {
      const step = steps[version];
      if (!step) {
        throw new MissingUpcasterError(type, version, target);
      }
      current = step(current, metadata);
      version += 1;
    }
    return { schemaVersion: version, data: current };
  }
}
