// `weerbaar rebuild`: rebuild the read models with a progress line, and compare table
// checksums before and after (equal after a rebuild of a consistent database).
import type { WeerbaarConfig } from '@weerbaar/config';
import { openInfrastructure } from '@weerbaar/infrastructure';
import { READ_MODEL_PROCESSOR, readModelChecksums, rebuildReadModels } from '@weerbaar/read-models';
import { ReferenceData } from '@weerbaar/reference-data';

/** Returns whether every table is byte-identical to what it was before the rebuild. */
export async function rebuildReadModelsCommand(config: WeerbaarConfig): Promise<boolean> {
  const referenceData = ReferenceData.load();
  const infrastructure = await openInfrastructure(config);
  try {
    // On a server, a platform that is running keeps projecting: refuse rather than race it.
    const lease = await infrastructure.processorLock?.acquire(
      READ_MODEL_PROCESSOR,
      AbortSignal.timeout(5_000),
    );
    if (infrastructure.processorLock && !lease) {
      throw new Error('The read models are being projected by a running platform: stop it first');
    }
    await lease?.release();
    const total = await infrastructure.eventStore.countEvents();
    const before = await readModelChecksums(infrastructure.dataSource);
    const progress = (done: number) => {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled).padEnd(width, '.')}] ${done}/${total} events`);
    };
    const { events, millis } = await rebuildReadModels(
      infrastructure.dataSource,
      infrastructure.bus,
      { regions: referenceData, risk: config.risk },
      progress,
    );
    process.stderr.write('\n');
    const after = await readModelChecksums(infrastructure.dataSource);
    let equal = true;
    for (const table of Object.keys(after)) {
      const same = before[table] === after[table];
      equal &&= same;
      process.stdout.write(
        `${table.padEnd(22)} ${after[table]}  ${same ? 'identical' : 'CHANGED'}\n`,
      );
    }
    const rate = millis > 0 ? Math.round((events / millis) * 1000) : events;
    process.stdout.write(`Rebuilt ${events} events in ${millis} ms (${rate} events/s).\n`);
    return equal;
  } finally {
    await infrastructure.close();
  }
}
