// `weerbaar verify`: checks the hash chain of every stream of the event store (ADR 0010) and
// prints the digest of the log up to its head, an anchor to record outside the database. With
// `--anchor <position>=<digest>` it also checks that the log up to that position is unchanged,
// which catches what the chains cannot: a whole stream removed.
import { digestLog, type GlobalPosition, verifyHashChain } from '@weerbaar/event-store';
import { type InfrastructureConfig, openInfrastructure } from '@weerbaar/infrastructure';

export interface Anchor {
  position: GlobalPosition;
  digest: string;
}

const ANCHOR = /^(\d+):(\d+)=([0-9a-f]{64})$/;

/** Parses `<transaction id>:<position>=<sha-256 hex>`, as `verify` prints it. */
export function parseAnchor(text: string): Anchor | undefined {
  const match = ANCHOR.exec(text.trim());
  return match
    ? { position: { transactionId: match[1], position: match[2] }, digest: match[3] }
    : undefined;
}

/** Returns whether every chain, and the anchor when given, held. */
export async function verifyLogCommand(
  config: InfrastructureConfig,
  options: { anchor?: Anchor; out?: (line: string) => void } = {},
): Promise<boolean> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const infrastructure = await openInfrastructure(config);
  try {
    const { database, eventStore } = infrastructure;
    const report = await verifyHashChain(database);
    let intact = report.broken === undefined;
    if (report.broken) {
      const { streamId, revision, eventId, reason } = report.broken;
      out(
        `BROKEN: stream ${streamId}, revision ${revision}${eventId ? ` (event ${eventId})` : ''}: ${REASONS[reason]}`,
      );
    } else {
      out(`Verified ${report.events} events in ${report.streams} streams: every chain intact.`);
    }
    if (options.anchor) {
      const now = await digestLog(database, options.anchor.position);
      const held = now.digest === options.anchor.digest;
      intact &&= held;
      out(
        held
          ? `The anchor holds: the log up to ${format(now.position)} is unchanged (${now.events} events).`
          : `ANCHOR BROKEN: the log up to ${format(now.position)} changed since the anchor was taken.`,
      );
    }
    const head = await digestLog(database, await eventStore.headPosition());
    out(
      `Anchor (record it elsewhere): ${format(head.position)}=${head.digest} (${head.events} events)`,
    );
    return intact;
  } finally {
    await infrastructure.close();
  }
}

const REASONS = {
  hash: 'its content, or the event before it, was changed',
  gap: 'the event before it is missing',
  tail: "events at the stream's end are missing",
  orphan: 'an event of a stream that does not exist',
} as const;

const format = (position: GlobalPosition) => `${position.transactionId}:${position.position}`;
